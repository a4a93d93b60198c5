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

    public StreamEvidence(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Adds {@code bytes} to the session's row, made on its first bytes (then stamped {@code firstByteAt}). */
    public void served(String sessionId, String accountId, String deviceId, String trackId, boolean offline,
                       long bytes, long firstByteAt, long now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO stream_sessions (id, account_id, device_id, track_id, offline, "
                        + "bytes_served, bytes_claimed, first_byte_at, last_byte_at) "
                        + "VALUES (:id, :a, :d, :t, :off, :n, 0, :first, :now) "
                        + "ON CONFLICT (id) DO UPDATE SET bytes_served = stream_sessions.bytes_served + :n, "
                        + "last_byte_at = :now")
                .bind("id", sessionId).bind("a", accountId).bind("d", deviceId).bind("t", trackId)
                .bind("off", offline).bind("n", bytes).bind("first", firstByteAt).bind("now", now).execute());
    }

    /** Records that {@code deviceId} now holds the whole of {@code trackId} for offline play. */
    public void granted(String deviceId, String trackId, String accountId, long now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO offline_grants (device_id, track_id, account_id, granted_at) "
                        + "VALUES (:d, :t, :a, :now) ON CONFLICT (device_id, track_id) DO NOTHING")
                .bind("d", deviceId).bind("t", trackId).bind("a", accountId).bind("now", now).execute());
    }

    /** {@code deviceId} if it is one of the account's registered devices. */
    public Optional<String> deviceOf(String accountId, String deviceId) {
        return jdbi.withHandle(h -> devices.keyOf(h, accountId, deviceId).map(key -> deviceId));
    }
}
