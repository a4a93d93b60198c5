package dance.normal.server.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code topups} table. The only class that writes SQL for it; every method runs in the caller's transaction
 * (decision 0033). States are {@link TopupState}s, stored by name.
 */
public final class TopupRepository {

    /** One topups row. */
    public record Row(String id, String accountId, String key, long amount, String method, String label,
                      TopupState state, String provider, String failure, long createdAt, int attempts,
                      String providerRef, String checkoutUrl, long updatedAt) {
    }

    /** Inserts a top-up in state CHARGING, claimed by the caller; fails on a second one with the same key. */
    public void insert(Handle h, String id, String accountId, String key, long amount, String method, String label,
                       long now) {
        h.createUpdate("INSERT INTO topups (id, account_id, idempotency_key, amount_micros, method_token, "
                        + "method_label, state, created_at, updated_at) "
                        + "VALUES (:id, :a, :k, :m, :t, :l, :s, :now, :now)")
                .bind("id", id).bind("a", accountId).bind("k", key).bind("m", amount).bind("t", method)
                .bind("l", label).bind("s", TopupState.CHARGING.name()).bind("now", now).execute();
    }

    public Optional<Row> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM topups WHERE id = :id").bind("id", id).map(TopupRepository::row)
                .findOne();
    }

    public Optional<Row> findByKey(Handle h, String accountId, String key) {
        return h.createQuery("SELECT * FROM topups WHERE account_id = :a AND idempotency_key = :k")
                .bind("a", accountId).bind("k", key).map(TopupRepository::row).findOne();
    }

    /** Queued top-ups due by {@code now}, and ones left CHARGING since before {@code stale}, oldest first. */
    public List<String> dueForRetry(Handle h, long now, long stale) {
        return h.createQuery("SELECT id FROM topups WHERE (state = :queued AND next_attempt_at <= :now) "
                        + "OR (state = :charging AND updated_at < :stale) ORDER BY created_at")
                .bind("queued", TopupState.QUEUED.name()).bind("charging", TopupState.CHARGING.name())
                .bind("now", now).bind("stale", stale).mapTo(String.class).list();
    }

    /** Claims a due top-up for a retry (CHARGING); false if another runner has it. */
    public boolean claimForRetry(Handle h, String id, long now, long stale) {
        return h.createUpdate("UPDATE topups SET state = :charging, updated_at = :now WHERE id = :id "
                        + "AND ((state = :queued AND next_attempt_at <= :now) OR (state = :charging "
                        + "AND updated_at < :stale))")
                .bind("queued", TopupState.QUEUED.name()).bind("charging", TopupState.CHARGING.name())
                .bind("now", now).bind("id", id).bind("stale", stale).execute() == 1;
    }

    /** Top-ups PENDING at a provider since before {@code due}, oldest first. */
    public List<Row> pendingSince(Handle h, long due) {
        return h.createQuery("SELECT * FROM topups WHERE state = :pending AND provider_ref IS NOT NULL "
                        + "AND updated_at < :due ORDER BY created_at")
                .bind("pending", TopupState.PENDING.name()).bind("due", due).map(TopupRepository::row).list();
    }

    /** Notes that a pending top-up was looked up and is still pending. */
    public void touchPending(Handle h, String id, long now) {
        h.createUpdate("UPDATE topups SET updated_at = :now WHERE id = :id AND state = :pending")
                .bind("pending", TopupState.PENDING.name()).bind("now", now).bind("id", id).execute();
    }

    /** Puts a charging top-up back in the queue until {@code next}. */
    public void queue(Handle h, String id, long next, long now) {
        h.createUpdate("UPDATE topups SET state = :queued, attempts = attempts + 1, next_attempt_at = :next, "
                        + "updated_at = :now WHERE id = :id AND state = :charging")
                .bind("queued", TopupState.QUEUED.name()).bind("charging", TopupState.CHARGING.name())
                .bind("now", now).bind("next", next).bind("id", id).execute();
    }

    /**
     * Moves an unfinished top-up to {@code to} with the provider's answer; false when it had already ended (or was
     * already in that state), so the caller credits the balance once.
     */
    public boolean finish(Handle h, String id, TopupState to, String provider, String reference, String failure,
                          String checkoutUrl, long now) {
        return h.createUpdate("UPDATE topups SET state = :to, provider = :p, provider_ref = :ref, failure = :f, "
                        + "checkout_url = COALESCE(:url, checkout_url), updated_at = :now WHERE id = :id "
                        + "AND state IN (<open>) AND state <> :to")
                .bind("to", to.name()).bind("p", provider).bind("ref", reference).bind("f", failure)
                .bind("url", checkoutUrl).bind("now", now).bind("id", id)
                .bindList("open", List.of(TopupState.CHARGING.name(), TopupState.QUEUED.name(),
                        TopupState.PENDING.name()))
                .execute() == 1;
    }

    private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("account_id"), rs.getString("idempotency_key"),
                rs.getLong("amount_micros"), rs.getString("method_token"), rs.getString("method_label"),
                TopupState.valueOf(rs.getString("state")), rs.getString("provider"), rs.getString("failure"),
                rs.getLong("created_at"), rs.getInt("attempts"), rs.getString("provider_ref"),
                rs.getString("checkout_url"), rs.getLong("updated_at"));
    }
}
