package dance.normal.server.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code purchases} table, the purchase saga's record. The only class that writes SQL for it; every method runs
 * in the caller's transaction (decision 0033). States are {@link PurchaseState}s, stored by name.
 */
public final class PurchaseRepository {

    /** One purchases row. */
    public record Row(String id, String accountId, String key, String quoteId, String trackId, long quantity,
                      long total, String wallet, PurchaseState state, String failure, String chainRef,
                      Integer responseStatus, String responseBody, long createdAt, long updatedAt) {
    }

    /** A purchase as it is accepted. */
    public record NewPurchase(String id, String accountId, String key, String quoteId, String trackId,
                              long quantity, long total, String wallet, String signature, long now) {
    }

    /** Inserts the purchase in state ACCEPTED; fails on a second row for the same key or quote. */
    public void insert(Handle h, NewPurchase p) {
        h.createUpdate("INSERT INTO purchases (id, account_id, idempotency_key, quote_id, track_id, quantity, "
                        + "total_micros, wallet, signature, state, created_at, updated_at) "
                        + "VALUES (:id, :a, :key, :q, :t, :n, :total, :w, :sig, :state, :now, :now)")
                .bind("id", p.id()).bind("a", p.accountId()).bind("key", p.key()).bind("q", p.quoteId())
                .bind("t", p.trackId()).bind("n", p.quantity()).bind("total", p.total()).bind("w", p.wallet())
                .bind("sig", p.signature()).bind("state", PurchaseState.ACCEPTED.name()).bind("now", p.now())
                .execute();
    }

    public Optional<Row> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM purchases WHERE id = :id").bind("id", id)
                .map(PurchaseRepository::row).findOne();
    }

    public Optional<Row> findByKey(Handle h, String accountId, String key) {
        return h.createQuery("SELECT * FROM purchases WHERE account_id = :a AND idempotency_key = :k")
                .bind("a", accountId).bind("k", key).map(PurchaseRepository::row).findOne();
    }

    /** True when a purchase already used the quote. */
    public boolean quoteUsed(Handle h, String quoteId) {
        return h.createQuery("SELECT COUNT(*) FROM purchases WHERE quote_id = :q")
                .bind("q", quoteId).mapTo(Integer.class).one() > 0;
    }

    /** The account's purchases, newest first. */
    public List<Row> ofAccount(Handle h, String accountId, int limit) {
        return h.createQuery("SELECT * FROM purchases WHERE account_id = :a ORDER BY created_at DESC, id LIMIT :n")
                .bind("a", accountId).bind("n", limit).map(PurchaseRepository::row).list();
    }

    /** Ids of the purchases in these states, oldest first. */
    public List<String> idsIn(Handle h, Set<PurchaseState> states) {
        return h.createQuery("SELECT id FROM purchases WHERE state IN (<s>) ORDER BY created_at")
                .bindList("s", names(states)).mapTo(String.class).list();
    }

    /** Moves the saga on from {@code from} to {@code to}; false if another runner already did. */
    public boolean claim(Handle h, String id, PurchaseState from, PurchaseState to, long now) {
        return h.createUpdate("UPDATE purchases SET state = :to, updated_at = :now WHERE id = :id AND state = :from")
                .bind("to", to.name()).bind("now", now).bind("id", id).bind("from", from.name()).execute() == 1;
    }

    /** Ends the purchase REJECTED with the answer every repeat gets. */
    public void reject(Handle h, String id, String failure, int status, String body, long now) {
        h.createUpdate("UPDATE purchases SET state = :state, failure = :f, updated_at = :now WHERE id = :id")
                .bind("state", PurchaseState.REJECTED.name()).bind("f", failure).bind("now", now).bind("id", id)
                .execute();
        storeAnswer(h, id, status, body);
    }

    /** Keeps the answer of a finished purchase for repeats. */
    public void storeAnswer(Handle h, String id, int status, String body) {
        h.createUpdate("UPDATE purchases SET response_status = :s, response_body = :b WHERE id = :id")
                .bind("s", status).bind("b", body).bind("id", id).execute();
    }

    public void setFailure(Handle h, String id, String failure) {
        h.createUpdate("UPDATE purchases SET failure = :f WHERE id = :id").bind("f", failure).bind("id", id)
                .execute();
    }

    public void setChainRef(Handle h, String id, String reference) {
        h.createUpdate("UPDATE purchases SET chain_ref = :ref WHERE id = :id").bind("ref", reference)
                .bind("id", id).execute();
    }

    /** Counts a delivery the chain asked to wait for. */
    public void countDeliveryTry(Handle h, String id, long now) {
        h.createUpdate("UPDATE purchases SET delivery_tries = delivery_tries + 1, updated_at = :now WHERE id = :id")
                .bind("now", now).bind("id", id).execute();
    }

    /** Tokens of the track in the account's purchases in these states, except {@code exceptId}. */
    public long quantity(Handle h, String accountId, String trackId, Set<PurchaseState> states, String exceptId) {
        return h.createQuery("SELECT COALESCE(SUM(quantity), 0) FROM purchases WHERE account_id = :a "
                        + "AND track_id = :t AND state IN (<s>) AND id <> :except")
                .bind("a", accountId).bind("t", trackId).bindList("s", names(states))
                .bind("except", exceptId == null ? "" : exceptId).mapTo(Long.class).one();
    }

    /** Tokens in purchases in these states, by track. */
    public Map<String, Long> quantityByTrack(Handle h, Set<PurchaseState> states) {
        Map<String, Long> out = new HashMap<>();
        h.createQuery("SELECT track_id, SUM(quantity) AS n FROM purchases WHERE state IN (<s>) GROUP BY track_id")
                .bindList("s", names(states))
                .map((rs, ctx) -> Map.entry(rs.getString("track_id"), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Tokens in purchases in these states, by track and buyer ({@code trackId + "/" + accountId}). */
    public Map<String, Long> quantityByTrackAndBuyer(Handle h, Set<PurchaseState> states) {
        Map<String, Long> out = new HashMap<>();
        h.createQuery("SELECT track_id, account_id, SUM(quantity) AS n FROM purchases WHERE state IN (<s>) "
                        + "GROUP BY track_id, account_id")
                .bindList("s", names(states))
                .map((rs, ctx) -> Map.entry(rs.getString("track_id") + "/" + rs.getString("account_id"),
                        rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The money paid in purchases in these states. */
    public long total(Handle h, Set<PurchaseState> states) {
        return h.createQuery("SELECT COALESCE(SUM(total_micros), 0) FROM purchases WHERE state IN (<s>)")
                .bindList("s", names(states)).mapTo(Long.class).one();
    }

    /** Delivered purchases whose tokens moved only in the ledger (before the server went on chain), oldest first. */
    public List<Row> deliveredInLedgerMode(Handle h) {
        return h.createQuery("SELECT * FROM purchases WHERE state IN (<s>) AND chain_ref LIKE 'ledger:%' "
                        + "ORDER BY created_at")
                .bindList("s", names(PurchaseState.DELIVERED_TO_BUYER)).map(PurchaseRepository::row).list();
    }

    private static List<String> names(Set<PurchaseState> states) {
        return states.stream().map(Enum::name).sorted().toList();
    }

    private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
        int status = rs.getInt("response_status");
        Integer responseStatus = rs.wasNull() ? null : status;
        return new Row(rs.getString("id"), rs.getString("account_id"), rs.getString("idempotency_key"),
                rs.getString("quote_id"), rs.getString("track_id"), rs.getLong("quantity"),
                rs.getLong("total_micros"), rs.getString("wallet"), PurchaseState.valueOf(rs.getString("state")),
                rs.getString("failure"), rs.getString("chain_ref"), responseStatus,
                rs.getString("response_body"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
