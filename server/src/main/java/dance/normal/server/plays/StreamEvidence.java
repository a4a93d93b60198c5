package dance.normal.server.plays;

import dance.normal.server.auth.DeviceRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's own record of what it streamed, which is what an online play is paid from (decision 0024): bytes
 * served per stream session, and the tracks each device downloaded whole for offline play. The stream route calls
 * {@link #served} once per response (and, for a response that runs long, at most every few seconds while it runs),
 * never per chunk: one upsert adds the bytes to the session's row.
 */
public final class StreamEvidence {

    private final Jdbi jdbi;
    private final DeviceRepository devices = new DeviceRepository();
    private final PlayRepository plays = new PlayRepository();

    public StreamEvidence(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Adds {@code bytes} to the session's row, made on its first bytes (then stamped {@code firstByteAt}). */
    public void served(String sessionId, String accountId, String deviceId, String trackId, boolean offline,
                       long bytes, long firstByteAt, long now) {
        jdbi.useHandle(h -> plays.served(h, sessionId, accountId, deviceId, trackId, offline, bytes, firstByteAt,
                now));
    }

    /** Records that {@code deviceId} now holds the whole of {@code trackId} for offline play. */
    public void granted(String deviceId, String trackId, String accountId, long now) {
        jdbi.useHandle(h -> plays.grant(h, deviceId, trackId, accountId, now));
    }

    /** {@code deviceId} if it is one of the account's registered devices. */
    public Optional<String> deviceOf(String accountId, String deviceId) {
        return jdbi.withHandle(h -> devices.keyOf(h, accountId, deviceId).map(key -> deviceId));
    }
}
