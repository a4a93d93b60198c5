package dance.normal.protocol.tokens;

import java.time.Instant;

/**
 * One run of royalty settlement.
 *
 * @param plays       qualified plays settled in this run
 * @param tracks      tracks that earned in it
 * @param totalMicros what those plays earned, all of it split to platform, artists and holders
 */
public record Settlement(String id, long plays, long tracks, long totalMicros, Instant cutoff) {
}
