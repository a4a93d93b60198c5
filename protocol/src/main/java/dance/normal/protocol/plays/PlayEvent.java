package dance.normal.protocol.plays;

import java.time.Instant;
import java.util.UUID;

/**
 * One play as the client saw it; {@code id} is made by the client so a replay is recognised. {@code playedMs} is
 * boxed so that a play sent without it is refused rather than read as 0 ms.
 */
public record PlayEvent(UUID id, String trackId, Instant startedAt, Long playedMs) {
}
