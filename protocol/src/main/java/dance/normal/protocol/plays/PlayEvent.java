package dance.normal.protocol.plays;

import java.time.Instant;
import java.util.UUID;

/** One play as the client saw it; {@code id} is made by the client so a replay is recognised. */
public record PlayEvent(UUID id, String trackId, Instant startedAt, long playedMs) {
}
