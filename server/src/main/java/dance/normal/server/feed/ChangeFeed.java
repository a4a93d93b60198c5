package dance.normal.server.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.sync.Change;
import dance.normal.protocol.sync.SyncPage;
import dance.normal.server.db.Dialect;
import dance.normal.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's change log, read by client mirrors with {@code GET /api/v1/sync}.
 *
 * <p>Each change is written in the same transaction as the catalog row it describes, with a snapshot of the entity,
 * so a reader never sees a change whose data is not committed. Sequence numbers must also become visible in order,
 * or a reader could pass seq 7 before seq 6 commits and never see 6: SQLite has one writer at a time, and on
 * PostgreSQL writers take a transaction-scoped advisory lock before they take a sequence number.
 */
public final class ChangeFeed {

    /** Arbitrary, fixed: the advisory lock id that orders change-feed writers on PostgreSQL. */
    private static final long FEED_LOCK = 0x4E44_4645_4544L;
    public static final int MAX_LIMIT = 1000;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ObjectMapper json;
    private volatile long lastLocalWriteNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public ChangeFeed(Jdbi jdbi, Dialect dialect, ObjectMapper json) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.json = json;
    }

    /** Appends a change inside the caller's transaction. */
    public void record(Handle h, Change.Entity entity, String id, Change.Op op, Object snapshot) {
        lastLocalWriteNanos = System.nanoTime();
        if (dialect == Dialect.POSTGRES) {
            h.execute("SELECT pg_advisory_xact_lock(?)", FEED_LOCK);
        }
        String payload;
        try {
            payload = snapshot == null ? null : json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A catalog entity could not be written as JSON", e);
        }
        h.createUpdate("INSERT INTO changes (entity, entity_id, op, payload, created_at) "
                        + "VALUES (:entity, :id, :op, :payload, :now)")
                .bind("entity", entity.name())
                .bind("id", id)
                .bind("op", op.name())
                .bind("payload", payload)
                .bind("now", System.currentTimeMillis())
                .execute();
    }

    /** The newest seq committed by any process: the catalog's version. */
    public long latestSeq() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM changes").mapTo(Long.class)
                .one());
    }

    /** {@link System#nanoTime()} of this process's latest catalog write. */
    public long lastLocalWriteNanos() {
        return lastLocalWriteNanos;
    }

    /** Changes after {@code since} (a cursor from an earlier page, or empty for the beginning), oldest first. */
    public SyncPage page(String since, int limit) {
        long after = parseCursor(since);
        int n = Math.clamp(limit, 1, MAX_LIMIT);
        record Row(long seq, String entity, String id, String op, String payload) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery(
                        "SELECT seq, entity, entity_id, op, payload FROM changes WHERE seq > :after "
                                + "ORDER BY seq LIMIT :n")
                .bind("after", after)
                .bind("n", n + 1)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list());
        boolean hasMore = rows.size() > n;
        List<Change> changes = new ArrayList<>(Math.min(rows.size(), n));
        for (Row row : rows.subList(0, Math.min(rows.size(), n))) {
            changes.add(toChange(row.seq(), row.entity(), row.id(), row.op(), row.payload()));
        }
        long next = changes.isEmpty() ? after : changes.getLast().seq();
        return new SyncPage(changes, Long.toString(next), hasMore);
    }

    private Change toChange(long seq, String entityName, String id, String opName, String payload) {
        Change.Entity entity = Change.Entity.valueOf(entityName);
        Change.Op op = Change.Op.valueOf(opName);
        if (op == Change.Op.DELETE) {
            return new Change(seq, op, entity, id, null, null, null);
        }
        try {
            return switch (entity) {
                case ARTIST -> new Change(seq, op, entity, id, json.readValue(payload, Artist.class), null, null);
                case RELEASE -> new Change(seq, op, entity, id, null, json.readValue(payload, Release.class), null);
                case TRACK -> new Change(seq, op, entity, id, null, null, json.readValue(payload, Track.class));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Change " + seq + " has an unreadable payload", e);
        }
    }

    private static long parseCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The sync cursor is not one this server gave out.");
        }
    }
}
