package dance.normal.server.tokens;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code quotes} table; every method runs in the caller's transaction (decision 0033). */
public final class QuoteRepository {

    /** A stored quote. */
    public record StoredQuote(String id, String accountId, String trackId, long quantity, long unitPriceMicros,
                              long totalMicros, String wallet, String message, long createdAt, long expiresAt) {
    }

    public void insert(Handle h, StoredQuote q) {
        h.createUpdate("INSERT INTO quotes (id, account_id, track_id, quantity, unit_price_micros, total_micros, "
                        + "wallet, message, created_at, expires_at) "
                        + "VALUES (:id, :a, :t, :q, :unit, :total, :w, :m, :now, :exp)")
                .bind("id", q.id()).bind("a", q.accountId()).bind("t", q.trackId()).bind("q", q.quantity())
                .bind("unit", q.unitPriceMicros()).bind("total", q.totalMicros()).bind("w", q.wallet())
                .bind("m", q.message()).bind("now", q.createdAt()).bind("exp", q.expiresAt()).execute();
    }

    public Optional<StoredQuote> find(Handle h, String id) {
        return h.createQuery("SELECT id, account_id, track_id, quantity, unit_price_micros, total_micros, wallet, "
                        + "message, created_at, expires_at FROM quotes WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new StoredQuote(rs.getString("id"), rs.getString("account_id"),
                        rs.getString("track_id"), rs.getLong("quantity"), rs.getLong("unit_price_micros"),
                        rs.getLong("total_micros"), rs.getString("wallet"), rs.getString("message"),
                        rs.getLong("created_at"), rs.getLong("expires_at")))
                .findOne();
    }
}
