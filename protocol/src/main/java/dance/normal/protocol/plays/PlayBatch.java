package dance.normal.protocol.plays;

import java.util.List;

/** Plays sent together, e.g. from the outbox after being offline. */
public record PlayBatch(List<PlayEvent> plays) {
}
