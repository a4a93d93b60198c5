package dance.normal.server.tokens;

import dance.normal.protocol.Money;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.tokens.Earnings;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.StatementLine;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.protocol.tokens.TrackEarnings;
import dance.normal.protocol.tokens.Withdrawal;
import dance.normal.protocol.tokens.WithdrawalRequest;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.http.ApiException;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.OverdraftException;
import dance.normal.server.ledger.Posting;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** What listeners hold and earn, what artists earn, statements from the ledger, and withdrawals of earnings. */
public final class EarningsService {

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final CatalogRepository catalog;
    private final Chain chain;
    private final Clock clock;

    public EarningsService(Jdbi jdbi, Ledger ledger, CatalogRepository catalog, Chain chain, Clock clock) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.catalog = catalog;
        this.chain = chain;
        this.clock = clock;
    }

    public Holdings holdings(Principal principal) {
        String earningsAccount = Accounts.earnings(principal.accountId());
        return jdbi.withHandle(h -> new Holdings(h.createQuery("SELECT th.track_id AS track_id, t.title AS title, "
                        + "a.name AS artist, th.quantity AS quantity, o.supply AS supply, o.holder_share_bp AS share, "
                        + "(SELECT COALESCE(SUM(p.amount), 0) FROM ledger_postings p JOIN ledger_refs r "
                        + "ON r.tx_seq = p.tx_seq WHERE p.account = :acct AND r.track_id = th.track_id) AS earned "
                        + "FROM token_holdings th JOIN offerings o ON o.track_id = th.track_id "
                        + "JOIN tracks t ON t.id = th.track_id JOIN artists a ON a.id = t.artist_id "
                        + "WHERE th.holder = :holder AND th.quantity > 0 ORDER BY th.quantity DESC, t.title")
                .bind("acct", earningsAccount).bind("holder", principal.accountId())
                .map((rs, ctx) -> new Holding(rs.getString("track_id"), rs.getString("title"),
                        rs.getString("artist"), rs.getLong("quantity"), rs.getLong("supply"), rs.getInt("share"),
                        rs.getLong("earned")))
                .list()));
    }

    /** A holder's earnings from their tokens. */
    public Earnings holderEarnings(Principal principal) {
        return earnings(Accounts.earnings(principal.accountId()), "earnings");
    }

    /** An artist's earnings from sales and plays of their tracks. */
    public Earnings artistEarnings(Principal principal) {
        Artist artist = catalog.artistOfAccount(principal.accountId())
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
        return earnings(Accounts.artist(artist.id()), "artist");
    }

    private Earnings earnings(String account, String label) {
        return jdbi.withHandle(h -> {
            List<Ledger.Entry> entries = ledger.entries(h, account);
            long earned = 0;
            long withdrawn = 0;
            for (Ledger.Entry e : entries) {
                if (e.kind().startsWith("withdrawal")) {
                    withdrawn -= e.amount();
                } else {
                    earned += e.amount();
                }
            }
            List<TrackEarnings> byTrack = h.createQuery("SELECT r.track_id AS track_id, t.title AS title, "
                            + "SUM(CASE WHEN lt.kind = 'sale' THEN p.amount ELSE 0 END) AS sales, "
                            + "SUM(CASE WHEN lt.kind = 'settlement' THEN p.amount ELSE 0 END) AS plays "
                            + "FROM ledger_postings p JOIN ledger_refs r ON r.tx_seq = p.tx_seq "
                            + "JOIN ledger_transactions lt ON lt.seq = p.tx_seq JOIN tracks t ON t.id = r.track_id "
                            + "WHERE p.account = :a GROUP BY r.track_id, t.title")
                    .bind("a", account)
                    .map((rs, ctx) -> new TrackEarnings(rs.getString("track_id"), rs.getString("title"),
                            rs.getLong("sales"), rs.getLong("plays")))
                    .list().stream()
                    .sorted(Comparator.comparingLong((TrackEarnings t) -> t.salesMicros() + t.playsMicros())
                            .reversed())
                    .toList();
            List<StatementLine> lines = entries.stream().map(e -> line(e, label)).toList();
            return new Earnings(Ledger.balance(h, account), earned, withdrawn, byTrack, lines);
        });
    }

    /** The listener's balance and earnings and every line of both, newest first (at most {@code limit}). */
    public LedgerPage ledger(Principal principal, int limit) {
        return jdbi.withHandle(h -> {
            String balance = Accounts.balance(principal.accountId());
            String earnings = Accounts.earnings(principal.accountId());
            List<StatementLine> lines = new ArrayList<>();
            ledger.entries(h, balance).forEach(e -> lines.add(line(e, "balance")));
            ledger.entries(h, earnings).forEach(e -> lines.add(line(e, "earnings")));
            lines.sort(Comparator.comparingLong(StatementLine::seq).reversed()
                    .thenComparing(StatementLine::account));
            return new LedgerPage(Ledger.balance(h, balance), Ledger.balance(h, earnings),
                    lines.subList(0, Math.min(limit, lines.size())));
        });
    }

    /** A withdrawal and the HTTP status it answers with (201 paid, 202 paying, 200 failed and returned). */
    public record Paid(int status, Withdrawal withdrawal) {
    }

    /**
     * Pays earnings out to one of the account's wallets, authorised by that wallet's signature. The earnings leave
     * the ledger in the same transaction that records the withdrawal; the chain then pays (at once in ledger mode).
     * A payout the chain refuses for good is reversed, the money back in earnings.
     */
    public Paid withdraw(Principal principal, String key, WithdrawalRequest request) {
        WalletSignatures.requireKey(key, "a withdrawal");
        if (request == null) {
            throw ApiException.badRequest("Send {\"amountMicros\": ..., \"wallet\": ..., \"signature\": ...} as JSON.");
        }
        Optional<Withdrawal> earlier = withdrawal(principal.accountId(), key);
        if (earlier.isPresent()) {
            if (earlier.get().amountMicros() != request.amountMicros()) {
                throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, 422,
                        "This Idempotency-Key was used for a different withdrawal; use a new key.");
            }
            return pay(principal.accountId(), key);
        }
        if (request.amountMicros() < 10_000) {
            throw ApiException.validation("A withdrawal is at least $0.01 (10000 micro-dollars).");
        }
        String wallet = jdbi.withHandle(h -> WalletSignatures.resolve(h, principal.accountId(), request.wallet()));
        WalletSignatures.require(wallet, request.signature(),
                TokenMessages.withdrawal(key, request.amountMicros(), wallet));
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO withdrawals (id, account_id, idempotency_key, amount_micros, wallet, "
                                + "signature, state, created_at, updated_at) "
                                + "VALUES (:id, :a, :k, :m, :w, :sig, 'PENDING', :now, :now)")
                        .bind("id", id).bind("a", principal.accountId()).bind("k", key)
                        .bind("m", request.amountMicros()).bind("w", wallet).bind("sig", request.signature().strip())
                        .bind("now", now).execute();
                move(h, id, "withdrawal", "Paid " + Money.ofMicros(request.amountMicros()).format()
                                + " of earnings to wallet " + wallet, Accounts.earnings(principal.accountId()),
                        Accounts.WITHDRAWALS, request.amountMicros());
            });
        } catch (OverdraftException e) {
            throw new ApiException(ProblemType.INSUFFICIENT_FUNDS, 402, "You have "
                    + Money.ofMicros(e.balance()).format() + " of earnings to withdraw; nothing was paid out.");
        } catch (RuntimeException e) {
            if (withdrawal(principal.accountId(), key).isEmpty()) {
                throw e;
            }
        }
        return pay(principal.accountId(), key);
    }

    /** Pays out withdrawals the chain could not pay yet; returns how many it looked at. */
    public int retryPending() {
        List<Map<String, Object>> pending = jdbi.withHandle(h -> h.createQuery("SELECT account_id, idempotency_key "
                + "FROM withdrawals WHERE state = 'PENDING' ORDER BY created_at").mapToMap().list());
        for (Map<String, Object> w : pending) {
            pay((String) w.get("account_id"), (String) w.get("idempotency_key"));
        }
        return pending.size();
    }

    private Paid pay(String accountId, String key) {
        Withdrawal w = withdrawal(accountId, key).orElseThrow();
        if (w.state().equals("PENDING")) {
            settle(accountId, w);
            w = withdrawal(accountId, key).orElseThrow();
        }
        int status = switch (w.state()) {
            case "PAID" -> 201;
            case "PENDING" -> 202;
            default -> 200;
        };
        return new Paid(status, w);
    }

    /** Asks the chain to pay a pending withdrawal and records how it ended. */
    private void settle(String accountId, Withdrawal w) {
        Chain.Delivery outcome;
        try {
            outcome = chain.payOut(w.id(), w.amountMicros(), w.wallet());
        } catch (RuntimeException e) {
            outcome = new Chain.Delivery.Pending(e.toString());
        }
        switch (outcome) {
            case Chain.Delivery.Done done -> jdbi.useHandle(h -> h.createUpdate("UPDATE withdrawals SET "
                            + "state = 'PAID', chain_ref = :ref, updated_at = :now "
                            + "WHERE id = :id AND state = 'PENDING'")
                    .bind("ref", done.reference()).bind("now", clock.millis()).bind("id", w.id()).execute());
            case Chain.Delivery.Failed failed -> jdbi.useTransaction(h -> {
                if (h.createUpdate("UPDATE withdrawals SET state = 'FAILED', updated_at = :now WHERE id = :id "
                        + "AND state = 'PENDING'").bind("now", clock.millis()).bind("id", w.id()).execute() == 1) {
                    move(h, w.id(), "withdrawal-reversed", "Returned " + Money.ofMicros(w.amountMicros()).format()
                            + " to earnings: the payout failed (" + failed.reason() + ")", Accounts.WITHDRAWALS,
                            Accounts.earnings(accountId), w.amountMicros());
                }
            });
            case Chain.Delivery.Pending pending -> {
                // stays PENDING; retryPending() tries again
            }
        }
    }

    private void move(Handle h, String ref, String kind, String memo, String from, String to, long micros) {
        String text = memo.length() > 400 ? memo.substring(0, 400) : memo;
        LedgerTransaction tx = ledger.append(h, kind, text, List.of(new Posting(from, -micros),
                new Posting(to, micros)));
        h.createUpdate("INSERT INTO ledger_refs (tx_seq, track_id, ref_id) VALUES (:s, NULL, :r)")
                .bind("s", tx.seq()).bind("r", ref).execute();
    }

    private Optional<Withdrawal> withdrawal(String accountId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, state, amount_micros, wallet, chain_ref, created_at "
                        + "FROM withdrawals WHERE account_id = :a AND idempotency_key = :k")
                .bind("a", accountId).bind("k", key)
                .map((rs, ctx) -> new Withdrawal(rs.getString("id"), rs.getString("state"),
                        rs.getLong("amount_micros"), rs.getString("wallet"), rs.getString("chain_ref"),
                        Ledger.balance(h, Accounts.earnings(accountId)),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne());
    }

    private static StatementLine line(Ledger.Entry e, String account) {
        return new StatementLine(e.seq(), Instant.ofEpochMilli(e.createdAt()), account, e.kind(), e.memo(),
                e.amount(), e.balanceAfter());
    }
}
