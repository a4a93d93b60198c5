package dance.normal.server.tokens;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code withdrawals} table. The only class that writes SQL for it; every method runs in the caller's transaction
 * (decision 0033). States are {@link WithdrawalState}s, stored by name.
 */
public final class WithdrawalRepository {

    /** One withdrawals row. */
    public record Row(String id, String accountId, String key, WithdrawalState state, long amount, String wallet,
                      String chainRef, long createdAt, String source) {

        /** Which of the account's ledger accounts pays: "earnings" or "artist" (rows from before V16: earnings). */
        public String from() {
            return source == null ? "earnings" : source;
        }
    }

    /** Records a withdrawal as PENDING; fails on a second one with the same key. */
    public void insert(Handle h, String id, String accountId, String key, long amount, String wallet,
                       String signature, long now) {
        insert(h, id, accountId, key, amount, wallet, signature, now, "earnings");
    }

    /** Records a withdrawal from {@code source} ("earnings" or "artist") as PENDING. */
    public void insert(Handle h, String id, String accountId, String key, long amount, String wallet,
                       String signature, long now, String source) {
        h.createUpdate("INSERT INTO withdrawals (id, account_id, idempotency_key, amount_micros, wallet, signature, "
                        + "state, created_at, updated_at, source) "
                        + "VALUES (:id, :a, :k, :m, :w, :sig, :s, :now, :now, :src)")
                .bind("src", source)
                .bind("id", id).bind("a", accountId).bind("k", key).bind("m", amount).bind("w", wallet)
                .bind("sig", signature).bind("s", WithdrawalState.PENDING.name()).bind("now", now).execute();
    }

    public Optional<Row> findByKey(Handle h, String accountId, String key) {
        return h.createQuery("SELECT id, account_id, idempotency_key, state, amount_micros, wallet, chain_ref, "
                        + "created_at, source FROM withdrawals WHERE account_id = :a AND idempotency_key = :k")
                .bind("a", accountId).bind("k", key)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("account_id"),
                        rs.getString("idempotency_key"), WithdrawalState.valueOf(rs.getString("state")),
                        rs.getLong("amount_micros"), rs.getString("wallet"), rs.getString("chain_ref"),
                        rs.getLong("created_at"), rs.getString("source")))
                .findOne();
    }

    /** Names a withdrawal as its client does: the account and the Idempotency-Key. */
    public record Key(String accountId, String key) {
    }

    /** Pending withdrawals, oldest first. */
    public List<Key> pending(Handle h) {
        return h.createQuery("SELECT account_id, idempotency_key FROM withdrawals WHERE state = :s "
                        + "ORDER BY created_at")
                .bind("s", WithdrawalState.PENDING.name())
                .map((rs, ctx) -> new Key(rs.getString("account_id"), rs.getString("idempotency_key"))).list();
    }

    /** Moves a pending withdrawal to {@code to}; false if it was no longer pending. */
    public boolean end(Handle h, String id, WithdrawalState to, String chainRef, long now) {
        return h.createUpdate("UPDATE withdrawals SET state = :to, chain_ref = COALESCE(:ref, chain_ref), "
                        + "updated_at = :now WHERE id = :id AND state = :pending")
                .bind("to", to.name()).bind("ref", chainRef).bind("now", now).bind("id", id)
                .bind("pending", WithdrawalState.PENDING.name()).execute() == 1;
    }
}
