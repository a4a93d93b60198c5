package dance.normal.player.plays;

import java.time.Instant;
import java.util.UUID;

/**
 * A play that counts for royalties, made once per play. {@code playId} is made here, so the sync outbox and the
 * server recognise a replay of the same play.
 */
public record QualifiedPlay(UUID playId, String trackId, Instant startedAt, long playedMs) {
}
