package dance.normal.server.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The double-entry ledger: every movement of money is one transaction whose postings sum to zero; transactions are
 * only ever appended, each carrying the hash of the one before; balances are sums of postings. {@link #verify()}
 * walks the whole chain and checks every invariant.
 */
public final class Ledger {

    /** The hash before the first transaction. */
    public static final String GENESIS = "0".repeat(64);

    private final Jdbi jdbi;
    private final Clock clock;

    public Ledger(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends a transaction in its own database transaction.
     *
     * @throws IllegalArgumentException if the postings do not sum to zero
     * @throws OverdraftException       if an account would go below zero
     */
    public LedgerTransaction append(String kind, String memo, List<Posting> postings) {
        return jdbi.inTransaction(h -> append(h, kind, memo, postings));
    }

    /**
     * Appends a transaction inside the caller's database transaction, so a purchase's step and its money move
     * together. Appends are serialised on the chain's head row.
     */
    public LedgerTransaction append(Handle h, String kind, String memo, List<Posting> postings) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(memo, "memo");
        if (postings.size() < 2) {
            throw new IllegalArgumentException("a transaction has at least two postings");
        }
        long sum = 0;
        for (Posting p : postings) {
            sum = Math.addExact(sum, p.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("debits and credits differ by " + sum + " micro-dollars");
        }
        // Taking the head row first serialises appends (a row lock on PostgreSQL, the write lock on SQLite).
        h.createUpdate("UPDATE ledger_head SET seq = seq WHERE id = 1").execute();
        Map<String, Object> head = h.createQuery("SELECT seq, hash FROM ledger_head WHERE id = 1").mapToMap().one();
        long seq = ((Number) head.get("seq")).longValue() + 1;
        String prev = (String) head.get("hash");
        Map<String, Long> net = new LinkedHashMap<>();
        postings.forEach(p -> net.merge(p.account(), p.amount(), Math::addExact));
        for (Map.Entry<String, Long> e : net.entrySet()) {
            h.createUpdate("INSERT INTO ledger_balances (account, balance) VALUES (:a, :n) ON CONFLICT (account) "
                    + "DO UPDATE SET balance = ledger_balances.balance + excluded.balance")
                    .bind("a", e.getKey()).bind("n", e.getValue()).execute();
            if (e.getValue() < 0 && !Posting.mayGoNegative(e.getKey())) {
                long after = balance(h, e.getKey());
                if (after < 0) {
                    throw new OverdraftException(e.getKey(), after - e.getValue());
                }
            }
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        String hash = hash(prev, id, kind, memo, now, postings);
        h.createUpdate("INSERT INTO ledger_transactions (seq, id, kind, memo, created_at, prev_hash, hash) "
                        + "VALUES (:seq, :id, :kind, :memo, :at, :prev, :hash)")
                .bind("seq", seq).bind("id", id).bind("kind", kind).bind("memo", memo).bind("at", now)
                .bind("prev", prev).bind("hash", hash).execute();
        for (int i = 0; i < postings.size(); i++) {
            h.createUpdate("INSERT INTO ledger_postings (tx_seq, idx, account, amount) VALUES (:s, :i, :a, :m)")
                    .bind("s", seq).bind("i", i).bind("a", postings.get(i).account())
                    .bind("m", postings.get(i).amount()).execute();
        }
        h.createUpdate("UPDATE ledger_head SET seq = :seq, hash = :hash WHERE id = 1").bind("seq", seq)
                .bind("hash", hash).execute();
        return new LedgerTransaction(seq, id, kind, memo, now, prev, hash, postings);
    }

    /**
     * Records what a ledger transaction was for: the track it concerns (or null) and the purchase, top-up,
     * withdrawal or settlement that made it. {@code ledger_refs} is the ledger's own table.
     */
    public void refer(Handle h, LedgerTransaction tx, String trackId, String refId) {
        h.createUpdate("INSERT INTO ledger_refs (tx_seq, track_id, ref_id) VALUES (:s, :t, :r)")
                .bind("s", tx.seq()).bind("t", trackId).bind("r", refId).execute();
    }

    /** What an account received for one track, by kind of income. */
    public record TrackIncome(String trackId, long sales, long plays) {
    }

    /** What the account received per track (sales and settled plays), for tracks it received anything for. */
    public List<TrackIncome> incomeByTrack(Handle h, String account) {
        return h.createQuery("SELECT r.track_id AS track_id, "
                        + "SUM(CASE WHEN lt.kind = 'sale' THEN p.amount ELSE 0 END) AS sales, "
                        + "SUM(CASE WHEN lt.kind = 'settlement' THEN p.amount ELSE 0 END) AS plays "
                        + "FROM ledger_postings p JOIN ledger_refs r ON r.tx_seq = p.tx_seq "
                        + "JOIN ledger_transactions lt ON lt.seq = p.tx_seq "
                        + "WHERE p.account = :a AND r.track_id IS NOT NULL GROUP BY r.track_id")
                .bind("a", account)
                .map((rs, ctx) -> new TrackIncome(rs.getString("track_id"), rs.getLong("sales"), rs.getLong("plays")))
                .list();
    }

    /** Everything the account received in transactions about one track. */
    public long incomeFromTrack(Handle h, String account, String trackId) {
        return h.createQuery("SELECT COALESCE(SUM(p.amount), 0) FROM ledger_postings p JOIN ledger_refs r "
                        + "ON r.tx_seq = p.tx_seq WHERE p.account = :a AND r.track_id = :t")
                .bind("a", account).bind("t", trackId).mapTo(Long.class).one();
    }

    /** An account's balance: the sum of its postings. */
    public long balance(String account) {
        return jdbi.withHandle(h -> balance(h, account));
    }

    /** The transactions that touched an account, oldest first: a statement. */
    public List<LedgerTransaction> statement(String account) {
        return jdbi.withHandle(h -> {
            List<Long> seqs = h.createQuery("SELECT DISTINCT tx_seq FROM ledger_postings WHERE account = :a "
                    + "ORDER BY tx_seq").bind("a", account).mapTo(Long.class).list();
            List<LedgerTransaction> out = new ArrayList<>();
            for (long seq : seqs) {
                out.add(load(h, seq));
            }
            return out;
        });
    }

    /** Re-checks the chain and every invariant; says what, if anything, is wrong. */
    public LedgerReport verify() {
        return jdbi.inTransaction(h -> {
            List<String> problems = new ArrayList<>();
            Map<String, Long> balances = new HashMap<>();
            String prev = GENESIS;
            long expectedSeq = 1;
            List<Long> seqs = h.createQuery("SELECT seq FROM ledger_transactions ORDER BY seq").mapTo(Long.class)
                    .list();
            for (long seq : seqs) {
                LedgerTransaction tx = load(h, seq);
                if (seq != expectedSeq) {
                    problems.add("Transaction " + expectedSeq + " is missing (the next one is " + seq + ").");
                }
                expectedSeq = seq + 1;
                if (!tx.prevHash().equals(prev)) {
                    problems.add("Transaction " + seq + " does not follow the one before it (hash chain broken).");
                }
                String recomputed = hash(tx.prevHash(), tx.id(), tx.kind(), tx.memo(), tx.createdAt(),
                        tx.postings());
                if (!recomputed.equals(tx.hash())) {
                    problems.add("Transaction " + seq + " was changed after it was written (hash mismatch).");
                }
                long sum = 0;
                for (Posting p : tx.postings()) {
                    sum += p.amount();
                    balances.merge(p.account(), p.amount(), Long::sum);
                }
                if (sum != 0) {
                    problems.add("Transaction " + seq + " does not balance: debits and credits differ by " + sum
                            + ".");
                }
                prev = tx.hash();
            }
            Map<String, Object> head = h.createQuery("SELECT seq, hash FROM ledger_head WHERE id = 1").mapToMap()
                    .one();
            if (((Number) head.get("seq")).longValue() != seqs.size() || !prev.equals(head.get("hash"))) {
                problems.add("The chain's head does not match its last transaction (a transaction was removed).");
            }
            balances.forEach((account, balance) -> {
                if (balance < 0 && !Posting.mayGoNegative(account)) {
                    problems.add("Account " + account + " is below zero: " + balance + ".");
                }
            });
            Map<String, Long> kept = new HashMap<>();
            h.createQuery("SELECT account, balance FROM ledger_balances").map((rs, ctx) -> Map.entry(
                    rs.getString("account"), rs.getLong("balance"))).forEach(e -> kept.put(e.getKey(), e.getValue()));
            Set<String> accounts = new TreeSet<>(balances.keySet());
            accounts.addAll(kept.keySet());
            for (String account : accounts) {
                long fromPostings = balances.getOrDefault(account, 0L);
                long recorded = kept.getOrDefault(account, 0L);
                if (fromPostings != recorded) {
                    problems.add("Account " + account + " is recorded as " + recorded + " but its postings add up to "
                            + fromPostings + ".");
                }
            }
            return new LedgerReport(problems.isEmpty(), seqs.size(), List.copyOf(problems));
        });
    }

    /**
     * One account's movements, oldest first, each with the balance after it: the lines of a statement. An account
     * named twice in one transaction gets one line with the net amount.
     */
    public List<Entry> entries(Handle h, String account) {
        List<Entry> out = new ArrayList<>();
        long running = 0;
        for (Map<String, Object> r : h.createQuery("SELECT t.seq AS seq, t.created_at AS at, t.kind AS kind, "
                        + "t.memo AS memo, SUM(p.amount) AS amount FROM ledger_postings p "
                        + "JOIN ledger_transactions t ON t.seq = p.tx_seq WHERE p.account = :a "
                        + "GROUP BY t.seq, t.created_at, t.kind, t.memo ORDER BY t.seq")
                .bind("a", account).mapToMap().list()) {
            long amount = ((Number) r.get("amount")).longValue();
            running += amount;
            out.add(new Entry(((Number) r.get("seq")).longValue(), ((Number) r.get("at")).longValue(),
                    (String) r.get("kind"), (String) r.get("memo"), amount, running));
        }
        return out;
    }

    /** A statement line: transaction {@code seq} moved {@code amount} into (or out of) the account. */
    public record Entry(long seq, long createdAt, String kind, String memo, long amount, long balanceAfter) {
    }

    /** An account's balance inside the caller's transaction (kept by every append; verify() checks it). */
    public static long balance(Handle h, String account) {
        return h.createQuery("SELECT balance FROM ledger_balances WHERE account = :a")
                .bind("a", account).mapTo(Long.class).findOne().orElse(0L);
    }

    private static LedgerTransaction load(Handle h, long seq) {
        List<Posting> postings = h.createQuery("SELECT account, amount FROM ledger_postings WHERE tx_seq = :s "
                        + "ORDER BY idx").bind("s", seq)
                .map((rs, ctx) -> new Posting(rs.getString("account"), rs.getLong("amount"))).list();
        return h.createQuery("SELECT id, kind, memo, created_at, prev_hash, hash FROM ledger_transactions "
                        + "WHERE seq = :s").bind("s", seq)
                .map((rs, ctx) -> new LedgerTransaction(seq, rs.getString("id"), rs.getString("kind"),
                        rs.getString("memo"), rs.getLong("created_at"), rs.getString("prev_hash"),
                        rs.getString("hash"), postings)).one();
    }

    /** SHA-256 over the previous hash and every field, in a fixed text form. */
    static String hash(String prev, String id, String kind, String memo, long createdAt, List<Posting> postings) {
        StringBuilder b = new StringBuilder().append(prev).append('\n').append(id).append('\n').append(kind)
                .append('\n').append(memo.length()).append(':').append(memo).append('\n').append(createdAt);
        for (Posting p : postings) {
            b.append('\n').append(p.account().length()).append(':').append(p.account()).append('=')
                    .append(p.amount());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
