package dance.normal.server.auth;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code sessions} and {@code refresh_tokens} tables: a session is a family of refresh tokens, stored by hash.
 * Every method runs in the caller's transaction (decision 0033).
 */
public final class SessionRepository {

    /** A refresh token as stored, with its session. */
    public record StoredRefresh(String sessionId, long expiresAt, boolean spent, boolean revoked, String accountId) {
    }

    /** A spent refresh token and the one it was rotated into. */
    public record Spent(long spentAt, String replacedByHash) {
    }

    public void insertSession(Handle h, String id, String accountId, long now) {
        h.createUpdate("INSERT INTO sessions (id, account_id, created_at) VALUES (:id, :a, :now)")
                .bind("id", id).bind("a", accountId).bind("now", now).execute();
    }

    public void insertRefreshToken(Handle h, String hash, String sessionId, long generation, long now,
                                   long expiresAt) {
        h.createUpdate("INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, generation) "
                        + "VALUES (:h, :s, :now, :exp, :g)")
                .bind("h", hash).bind("s", sessionId).bind("now", now).bind("g", generation).bind("exp", expiresAt)
                .execute();
    }

    public Optional<StoredRefresh> findRefresh(Handle h, String hash) {
        return h.createQuery("SELECT r.session_id, r.expires_at, r.spent_at IS NOT NULL, s.revoked_at IS NOT NULL, "
                        + "s.account_id FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id "
                        + "WHERE r.token_hash = :h")
                .bind("h", hash)
                .map((rs, ctx) -> new StoredRefresh(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getString(5)))
                .findOne();
    }

    /** The session a refresh token belongs to. */
    public Optional<String> sessionOf(Handle h, String hash) {
        return h.createQuery("SELECT session_id FROM refresh_tokens WHERE token_hash = :h").bind("h", hash)
                .mapTo(String.class).findOne();
    }

    /** Spends an unspent token; false when it was spent already (two refreshes cannot both spend it). */
    public boolean spend(Handle h, String hash, long now) {
        return h.createUpdate("UPDATE refresh_tokens SET spent_at = :now WHERE token_hash = :h AND spent_at IS NULL")
                .bind("now", now).bind("h", hash).execute() == 1;
    }

    /** Moves the session to its next refresh generation and returns it. */
    public long nextGeneration(Handle h, String sessionId) {
        h.createUpdate("UPDATE sessions SET generation = generation + 1 WHERE id = :id").bind("id", sessionId)
                .execute();
        return h.createQuery("SELECT generation FROM sessions WHERE id = :id").bind("id", sessionId)
                .mapTo(Long.class).one();
    }

    /** Spends every other unspent token of the session, as rotated into {@code nextHash}. */
    public void spendAllInto(Handle h, String sessionId, String nextHash, long now) {
        h.createUpdate("UPDATE refresh_tokens SET spent_at = :now, replaced_by = :next "
                        + "WHERE session_id = :s AND spent_at IS NULL AND token_hash <> :next")
                .bind("now", now).bind("next", nextHash).bind("s", sessionId).execute();
    }

    /** Records what a spent token was rotated into. */
    public void replacedBy(Handle h, String hash, String nextHash) {
        h.createUpdate("UPDATE refresh_tokens SET replaced_by = :next WHERE token_hash = :h")
                .bind("next", nextHash).bind("h", hash).execute();
    }

    /** The token if it was spent by a rotation. */
    public Optional<Spent> spentByRotation(Handle h, String hash) {
        return h.createQuery("SELECT spent_at, replaced_by FROM refresh_tokens WHERE token_hash = :h "
                        + "AND spent_at IS NOT NULL AND replaced_by IS NOT NULL")
                .bind("h", hash).map((rs, ctx) -> new Spent(rs.getLong(1), rs.getString(2))).findOne();
    }

    /** Spends the successor {@code nextHash} if its pair was never used in the live session; false otherwise. */
    public boolean spendUnusedSuccessor(Handle h, String sessionId, String nextHash, long now) {
        return h.createUpdate("UPDATE refresh_tokens SET spent_at = :now WHERE token_hash = :next "
                        + "AND spent_at IS NULL AND generation > "
                        + "(SELECT used_generation FROM sessions WHERE id = :id AND revoked_at IS NULL)")
                .bind("now", now).bind("next", nextHash).bind("id", sessionId).execute() > 0;
    }

    public void revoke(Handle h, String sessionId, long now) {
        h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("id", sessionId).execute();
    }

    /** The newest generation used in the session, when it is live. */
    public Optional<Long> usedGeneration(Handle h, String sessionId) {
        return h.createQuery("SELECT used_generation FROM sessions WHERE id = :id AND revoked_at IS NULL")
                .bind("id", sessionId).mapTo(Long.class).findOne();
    }

    /** Notes that the session's pair of {@code generation} was used. */
    public void markUsed(Handle h, String sessionId, long generation) {
        h.createUpdate("UPDATE sessions SET used_generation = :g WHERE id = :id AND used_generation < :g")
                .bind("g", generation).bind("id", sessionId).execute();
    }
}
