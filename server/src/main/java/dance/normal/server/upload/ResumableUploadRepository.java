package dance.normal.server.upload;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code uploads} table: resumable uploads under way, shared by every server process. Every method works inside
 * the caller's handle. Writing is claimed with a conditional UPDATE of {@code writer} (a compare-and-set the database
 * settles), held by a lease the writer renews, and given back with the offset it reached.
 */
final class ResumableUploadRepository {

    /** One upload as stored. */
    record Row(String id, String accountId, long length, long offset, String metadata, long expiresAt) {
    }

    private static final String SELECT = "SELECT id, account_id, upload_length, upload_offset, metadata, expires_at "
            + "FROM uploads ";

    void insert(Handle h, Row row, long now) {
        h.createUpdate("INSERT INTO uploads (id, account_id, upload_length, upload_offset, metadata, created_at, "
                        + "updated_at, expires_at) VALUES (:id, :account, :length, 0, :metadata, :now, :now, :expires)")
                .bind("id", row.id()).bind("account", row.accountId()).bind("length", row.length())
                .bind("metadata", row.metadata()).bind("now", now).bind("expires", row.expiresAt()).execute();
    }

    /** The upload, when it is there and belongs to {@code accountId}. */
    Optional<Row> find(Handle h, String id, String accountId) {
        return h.createQuery(SELECT + "WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", accountId)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("account_id"), rs.getLong("upload_length"),
                        rs.getLong("upload_offset"), rs.getString("metadata"), rs.getLong("expires_at")))
                .findOne();
    }

    /** The sum of the Upload-Length of the account's open uploads: what they may grow to on disk. */
    long openBytesOf(Handle h, String accountId) {
        return h.createQuery("SELECT COALESCE(SUM(upload_length), 0) FROM uploads WHERE account_id = :account")
                .bind("account", accountId).mapTo(Long.class).one();
    }

    int countOf(Handle h, String accountId) {
        return h.createQuery("SELECT COUNT(*) FROM uploads WHERE account_id = :account").bind("account", accountId)
                .mapTo(Integer.class).one();
    }

    /** Makes {@code writer} the only writer until {@code leaseUntil}, unless another holds a lease not yet lapsed. */
    boolean claim(Handle h, String id, String accountId, String writer, long now, long leaseUntil) {
        return h.createUpdate("UPDATE uploads SET writer = :writer, lease_until = :lease WHERE id = :id "
                        + "AND account_id = :account AND (writer IS NULL OR lease_until < :now)")
                .bind("writer", writer).bind("lease", leaseUntil).bind("id", id).bind("account", accountId)
                .bind("now", now).execute() == 1;
    }

    /** Extends the writer's lease; false when the writer no longer holds it. */
    boolean renew(Handle h, String id, String writer, long leaseUntil) {
        return h.createUpdate("UPDATE uploads SET lease_until = :lease WHERE id = :id AND writer = :writer")
                .bind("lease", leaseUntil).bind("id", id).bind("writer", writer).execute() == 1;
    }

    /** Records how far the file is on disk and gives up the claim; false when the writer no longer held it. */
    boolean release(Handle h, String id, String writer, long offset, long now, long expiresAt) {
        return h.createUpdate("UPDATE uploads SET upload_offset = :offset, updated_at = :now, expires_at = :expires, "
                        + "writer = NULL, lease_until = NULL WHERE id = :id AND writer = :writer")
                .bind("offset", offset).bind("now", now).bind("expires", expiresAt).bind("id", id)
                .bind("writer", writer).execute() == 1;
    }

    /** Removes the upload as its writer (finished or refused); false when the writer no longer held it. */
    boolean deleteAsWriter(Handle h, String id, String writer) {
        return h.createUpdate("DELETE FROM uploads WHERE id = :id AND writer = :writer")
                .bind("id", id).bind("writer", writer).execute() == 1;
    }

    /** Removes the upload (termination) unless a writer holds a lease on it now; false when it did not. */
    boolean deleteIdle(Handle h, String id, String accountId, long now) {
        return h.createUpdate("DELETE FROM uploads WHERE id = :id AND account_id = :account "
                        + "AND (writer IS NULL OR lease_until < :now)")
                .bind("id", id).bind("account", accountId).bind("now", now).execute() == 1;
    }

    /** The ids of uploads expired at {@code now} that nobody is writing. */
    List<String> expired(Handle h, long now, int limit) {
        return h.createQuery("SELECT id FROM uploads WHERE expires_at <= :now "
                        + "AND (writer IS NULL OR lease_until < :now) ORDER BY expires_at LIMIT :limit")
                .bind("now", now).bind("limit", limit).mapTo(String.class).list();
    }

    /** Removes an expired upload unless it was written to (or claimed) since it was found expired. */
    boolean deleteExpired(Handle h, String id, long now) {
        return h.createUpdate("DELETE FROM uploads WHERE id = :id AND expires_at <= :now "
                        + "AND (writer IS NULL OR lease_until < :now)")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    boolean exists(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM uploads WHERE id = :id").bind("id", id).mapTo(Integer.class)
                .one() > 0;
    }
}
