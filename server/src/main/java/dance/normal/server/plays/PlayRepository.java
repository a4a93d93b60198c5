package dance.normal.server.plays;

import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.Popular;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The plays and their evidence: {@code plays}, {@code stream_sessions} (bytes the server streamed),
 * {@code offline_grants} and {@code receipt_counters}. The only class that writes SQL for them; every method runs in
 * the caller's transaction (decision 0033).
 */
public final class PlayRepository {

    /** A stream session of one account and track: its bytes not yet backing a paid play. */
    public record Stream(String id, String deviceId, long freeBytes, long firstByteAt) {
    }

    /** Plays of one of an artist's tracks with one reason. */
    public record ReasonCount(String trackId, String title, PlayReason reason, long count) {
    }

    /** The tracks with the most qualified plays since {@code since} (tracks in the catalog: published). */
    public List<Popular.Entry> popular(Handle h, long since, int limit) {
        return h.createQuery("SELECT p.track_id, count(*) AS n FROM plays p "
                        + "JOIN tracks t ON t.id = p.track_id AND t.deleted_at IS NULL AND t.published_at IS NOT NULL "
                        + "WHERE p.qualified AND p.started_at >= :since "
                        + "GROUP BY p.track_id ORDER BY n DESC, p.track_id LIMIT :limit")
                .bind("since", since).bind("limit", limit)
                .map((rs, ctx) -> new Popular.Entry(rs.getString("track_id"), rs.getLong("n"))).list();
    }

    /** Records a play, not yet judged (TOO_SHORT, unpaid); false when a play with this id exists. */
    public boolean insert(Handle h, String id, String accountId, String trackId, long startedAt, long playedMs,
                          long now) {
        return h.createUpdate("INSERT INTO plays (id, account_id, track_id, started_at, played_ms, qualified, "
                        + "received_at, reason, credited_ms) "
                        + "VALUES (:id, :a, :t, :s, :ms, FALSE, :now, :r, 0) ON CONFLICT (id) DO NOTHING")
                .bind("id", id).bind("a", accountId).bind("t", trackId).bind("s", startedAt).bind("ms", playedMs)
                .bind("r", PlayReason.TOO_SHORT.name()).bind("now", now).execute() == 1;
    }

    /** Stores how a play was judged. */
    public void judge(Handle h, String id, PlayReason reason, String deviceId, long creditedMs) {
        h.createUpdate("UPDATE plays SET qualified = :q, reason = :r, device_id = :d, credited_ms = :c WHERE id = :id")
                .bind("q", reason == PlayReason.QUALIFIED).bind("r", reason.name()).bind("d", deviceId)
                .bind("c", creditedMs).bind("id", id).execute();
    }

    public PlayReason reasonOf(Handle h, String id) {
        return h.createQuery("SELECT reason FROM plays WHERE id = :id").bind("id", id).mapTo(String.class)
                .map(PlayReason::valueOf).one();
    }

    /** The account's online stream sessions of the track, oldest first. */
    public List<Stream> streams(Handle h, String accountId, String trackId) {
        return h.createQuery("SELECT id, device_id, bytes_served - bytes_claimed AS free, first_byte_at "
                        + "FROM stream_sessions WHERE account_id = :a AND track_id = :t AND offline = FALSE "
                        + "ORDER BY first_byte_at, id")
                .bind("a", accountId).bind("t", trackId)
                .map((rs, ctx) -> new Stream(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    /** Paid plays of the track by the account that started in [from, to). */
    public long paidBetween(Handle h, String accountId, String trackId, long from, long to) {
        return h.createQuery("SELECT COUNT(*) FROM plays WHERE account_id = :a AND track_id = :t AND qualified "
                        + "AND started_at >= :from AND started_at < :to")
                .bind("a", accountId).bind("t", trackId).bind("from", from).bind("to", to).mapTo(Long.class).one();
    }

    /**
     * The account's paid plays that overlap [start, end) (starting after {@code earliest}): on {@code deviceId} or
     * on no known device, or, when {@code deviceId} is null, on any.
     */
    public List<WallClock.Interval> paidOverlapping(Handle h, String accountId, String deviceId, long start,
                                                    long end, long earliest) {
        return h.createQuery("SELECT started_at, started_at + played_ms FROM plays "
                        + "WHERE account_id = :a AND qualified AND started_at < :end AND started_at > :earliest "
                        + (deviceId == null ? "" : "AND (device_id = :d OR device_id IS NULL) ")
                        + "AND started_at + played_ms > :start")
                .bind("a", accountId).bind("end", end).bind("earliest", earliest).bind("start", start)
                .bind("d", deviceId)
                .map((rs, ctx) -> new WallClock.Interval(rs.getLong(1), rs.getLong(2))).list();
    }

    /** Claims {@code bytes} of a stream for a paid play; false when it has fewer left. */
    public boolean claimBytes(Handle h, String streamId, long bytes) {
        return h.createUpdate("UPDATE stream_sessions SET bytes_claimed = bytes_claimed + :n "
                        + "WHERE id = :id AND bytes_served - bytes_claimed >= :n")
                .bind("n", bytes).bind("id", streamId).execute() == 1;
    }

    /** Adds {@code bytes} to the session's row, made on its first bytes (then stamped {@code firstByteAt}). */
    public void served(Handle h, String sessionId, String accountId, String deviceId, String trackId,
                       boolean offline, long bytes, long firstByteAt, long now) {
        h.createUpdate("INSERT INTO stream_sessions (id, account_id, device_id, track_id, offline, bytes_served, "
                        + "bytes_claimed, first_byte_at, last_byte_at) VALUES (:id, :a, :d, :t, :off, :n, 0, :first, "
                        + ":now) ON CONFLICT (id) DO UPDATE SET bytes_served = stream_sessions.bytes_served + :n, "
                        + "last_byte_at = :now")
                .bind("id", sessionId).bind("a", accountId).bind("d", deviceId).bind("t", trackId)
                .bind("off", offline).bind("n", bytes).bind("first", firstByteAt).bind("now", now).execute();
    }

    /** Records that the device holds the whole track for offline play (the first grant stays). */
    public void grant(Handle h, String deviceId, String trackId, String accountId, long now) {
        h.createUpdate("INSERT INTO offline_grants (device_id, track_id, account_id, granted_at) "
                        + "VALUES (:d, :t, :a, :now) ON CONFLICT (device_id, track_id) DO NOTHING")
                .bind("d", deviceId).bind("t", trackId).bind("a", accountId).bind("now", now).execute();
    }

    /** When the device was granted the track for offline play. */
    public Optional<Long> grantedAt(Handle h, String deviceId, String trackId) {
        return h.createQuery("SELECT granted_at FROM offline_grants WHERE device_id = :d AND track_id = :t")
                .bind("d", deviceId).bind("t", trackId).mapTo(Long.class).findOne();
    }

    /** Uses a device's receipt counter for a play; false when it was used before. */
    public boolean useCounter(Handle h, String deviceId, long counter, String playId) {
        return h.createUpdate("INSERT INTO receipt_counters (device_id, counter, play_id) VALUES (:d, :c, :p) "
                        + "ON CONFLICT (device_id, counter) DO NOTHING")
                .bind("d", deviceId).bind("c", counter).bind("p", playId).execute() == 1;
    }

    /** Plays per reason of the artist's tracks, deleted ones included, by title. */
    public List<ReasonCount> reasons(Handle h, String artistId) {
        return h.createQuery("SELECT t.id, t.title, p.reason, COUNT(*) FROM tracks t "
                        + "JOIN plays p ON p.track_id = t.id WHERE t.artist_id = :artist "
                        + "GROUP BY t.id, t.title, p.reason ORDER BY t.title, t.id, p.reason")
                .bind("artist", artistId)
                .map((rs, ctx) -> new ReasonCount(rs.getString(1), rs.getString(2),
                        PlayReason.valueOf(rs.getString(3)), rs.getLong(4)))
                .list();
    }

    /** Tracks with paid plays received by {@code cutoff} and not yet settled. */
    public List<String> unsettledTracks(Handle h, long cutoff) {
        return h.createQuery("SELECT DISTINCT track_id FROM plays WHERE qualified = TRUE AND settlement_id IS NULL "
                        + "AND received_at <= :cutoff ORDER BY track_id")
                .bind("cutoff", cutoff).mapTo(String.class).list();
    }

    /** Marks the track's unsettled paid plays up to {@code cutoff} as paid by the settlement; how many. */
    public int settle(Handle h, String settlementId, String trackId, long cutoff) {
        return h.createUpdate("UPDATE plays SET settlement_id = :s WHERE track_id = :t AND qualified = TRUE "
                        + "AND settlement_id IS NULL AND received_at <= :cutoff")
                .bind("s", settlementId).bind("t", trackId).bind("cutoff", cutoff).execute();
    }
}
