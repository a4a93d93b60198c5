package dance.normal.server.tokens;

import dance.normal.protocol.Money;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Earnings;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.Offering;
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
import dance.normal.server.ledger.Accounts;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.OverdraftException;
import dance.normal.server.ledger.Posting;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    private final OfferingRepository offerings;
    private final HoldingRepository holdings;
    private final WithdrawalRepository withdrawals = new WithdrawalRepository();

    public EarningsService(Jdbi jdbi, Ledger ledger, CatalogRepository catalog, TokenRepositories repositories,
                           Chain chain, Clock clock) {
        this.jdbi = jdbi;
        this.offerings = repositories.offerings();
        this.holdings = repositories.holdings();
        this.ledger = ledger;
        this.catalog = catalog;
        this.chain = chain;
        this.clock = clock;
    }

    public Holdings holdings(Principal principal) {
        String earningsAccount = Accounts.earnings(principal.accountId());
        return jdbi.withHandle(h -> {
            List<Holding> out = new ArrayList<>();
            for (HoldingRepository.Holding held : holdings.heldBy(h, principal.accountId())) {
                Optional<Offering> offering = offerings.find(h, held.trackId());
                Optional<Track> track = catalog.trackEvenIfDeleted(h, held.trackId());
                if (offering.isPresent() && track.isPresent()) {
                    out.add(new Holding(held.trackId(), track.get().title(), track.get().artistName(),
                            held.quantity(), offering.get().supply(), offering.get().holderShareBp(),
                            ledger.incomeFromTrack(h, earningsAccount, held.trackId())));
                }
            }
            out.sort(Comparator.comparingLong(Holding::quantity).reversed().thenComparing(Holding::trackTitle));
            return new Holdings(out);
        });
    }

    /** A holder's earnings from their tokens. */
    public Earnings holderEarnings(Principal principal) {
        return earnings(Accounts.earnings(principal.accountId()), "earnings");
    }

    /** An artist's earnings from sales and plays of their tracks. */
    public Earnings artistEarnings(Principal principal) {
        Artist artist = jdbi.withHandle(h -> catalog.artistOfAccount(h, principal.accountId()))
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
            List<TrackEarnings> byTrack = new ArrayList<>();
            for (Ledger.TrackIncome income : ledger.incomeByTrack(h, account)) {
                catalog.trackEvenIfDeleted(h, income.trackId()).ifPresent(t -> byTrack.add(new TrackEarnings(
                        income.trackId(), t.title(), income.sales(), income.plays())));
            }
            byTrack.sort(Comparator.comparingLong((TrackEarnings t) -> t.salesMicros() + t.playsMicros())
                    .reversed());
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

    /**
     * Pays earnings out to one of the account's wallets, authorised by that wallet's signature. The earnings leave
     * the ledger in the same transaction that records the withdrawal; the chain then pays (at once in ledger mode).
     * A payout the chain refuses for good is reversed, the money back in the account it came from: the holder's
     * earnings, or (with {@code from: "artist"}) the account's artist earnings (decision 0041).
     */
    public WithdrawalOutcome withdraw(Principal principal, String key, WithdrawalRequest request) {
        WalletSignatures.requireKey(key, "a withdrawal");
        if (request == null) {
            throw ApiException.badRequest(
                    "Send {\"amountMicros\": ..., \"wallet\": ..., \"signature\": ...} as JSON.");
        }
        String accountId = principal.accountId();
        String from = request.from() == null ? WithdrawalRequest.FROM_EARNINGS : request.from().strip();
        if (!from.equals(WithdrawalRequest.FROM_EARNINGS) && !from.equals(WithdrawalRequest.FROM_ARTIST)) {
            throw ApiException.validation("from is \"earnings\" or \"artist\".");
        }
        String id = UUID.randomUUID().toString();
        try {
            jdbi.useTransaction(h -> {
                String account = source(h, accountId, from);
                Optional<WithdrawalRepository.Row> earlier = withdrawals.findByKey(h, accountId, key);
                if (earlier.isPresent()) {
                    if (earlier.get().amount() != request.amountMicros() || !earlier.get().from().equals(from)) {
                        throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, 422,
                                "This Idempotency-Key was used for a different withdrawal; use a new key.");
                    }
                    return;
                }
                if (request.amountMicros() < 10_000) {
                    throw ApiException.validation("A withdrawal is at least $0.01 (10000 micro-dollars).");
                }
                String wallet = WalletSignatures.resolve(h, accountId, request.wallet());
                WalletSignatures.require(wallet, request.signature(),
                        TokenMessages.withdrawal(key, request.amountMicros(), wallet));
                withdrawals.insert(h, id, accountId, key, request.amountMicros(), wallet,
                        request.signature().strip(), clock.millis(), from);
                move(h, id, "withdrawal", "Paid " + Money.ofMicros(request.amountMicros()).format()
                                + " of " + words(from) + " to wallet " + wallet, account,
                        Accounts.WITHDRAWALS, request.amountMicros());
            });
        } catch (OverdraftException e) {
            throw new ApiException(ProblemType.INSUFFICIENT_FUNDS, 402, "You have "
                    + Money.ofMicros(e.balance()).format() + " of " + words(from)
                    + " to withdraw; nothing was paid out.");
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            if (jdbi.withHandle(h -> withdrawals.findByKey(h, accountId, key)).isEmpty()) {
                throw e;
            }
        }
        return pay(accountId, key);
    }

    /** Pays out withdrawals the chain could not pay yet; returns how many it looked at. */
    public int retryPending() {
        List<WithdrawalRepository.Key> pending = jdbi.withHandle(h -> withdrawals.pending(h));
        for (WithdrawalRepository.Key w : pending) {
            pay(w.accountId(), w.key());
        }
        return pending.size();
    }

    private WithdrawalOutcome pay(String accountId, String key) {
        WithdrawalRepository.Row w = row(accountId, key);
        if (w.state() == WithdrawalState.PENDING) {
            settle(accountId, w);
            w = row(accountId, key);
        }
        WithdrawalRepository.Row done = w;
        Withdrawal view = jdbi.withHandle(h -> view(h, done));
        return switch (done.state()) {
            case PAID -> new WithdrawalOutcome.Paid(view);
            case PENDING -> new WithdrawalOutcome.Paying(view);
            case FAILED -> new WithdrawalOutcome.Returned(view);
        };
    }

    private WithdrawalRepository.Row row(String accountId, String key) {
        return jdbi.withHandle(h -> withdrawals.findByKey(h, accountId, key)).orElseThrow();
    }

    /** Asks the chain to pay a pending withdrawal and records how it ended. */
    private void settle(String accountId, WithdrawalRepository.Row w) {
        Chain.Delivery outcome;
        try {
            outcome = chain.payOut(w.id(), w.amount(), w.wallet());
        } catch (RuntimeException e) {
            outcome = new Chain.Delivery.Pending(e.toString());
        }
        switch (outcome) {
            case Chain.Delivery.Done done -> jdbi.useTransaction(h -> withdrawals.end(h, w.id(),
                    WithdrawalState.PAID, done.reference(), clock.millis()));
            case Chain.Delivery.Failed failed -> jdbi.useTransaction(h -> {
                if (withdrawals.end(h, w.id(), WithdrawalState.FAILED, null, clock.millis())) {
                    move(h, w.id(), "withdrawal-reversed", "Returned " + Money.ofMicros(w.amount()).format()
                            + " to " + words(w.from()) + ": the payout failed (" + failed.reason() + ")",
                            Accounts.WITHDRAWALS, source(h, accountId, w.from()), w.amount());
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
        ledger.refer(h, tx, null, ref);
    }

    private Withdrawal view(Handle h, WithdrawalRepository.Row w) {
        return new Withdrawal(w.id(), w.state().name(), w.amount(), w.wallet(), w.chainRef(),
                Ledger.balance(h, source(h, w.accountId(), w.from())), Instant.ofEpochMilli(w.createdAt()));
    }

    /** The ledger account a withdrawal {@code from} pays from; "artist" only for an account with an artist. */
    private String source(Handle h, String accountId, String from) {
        if (from.equals(WithdrawalRequest.FROM_ARTIST)) {
            return Accounts.artist(catalog.artistOfAccount(h, accountId).orElseThrow(() -> ApiException.forbidden(
                    "This account has no artist profile, so it has no artist earnings to withdraw.")).id());
        }
        return Accounts.earnings(accountId);
    }

    private static String words(String from) {
        return from.equals(WithdrawalRequest.FROM_ARTIST) ? "artist earnings" : "earnings";
    }

    private static StatementLine line(Ledger.Entry e, String account) {
        return new StatementLine(e.seq(), Instant.ofEpochMilli(e.createdAt()), account, e.kind(), e.memo(),
                e.amount(), e.balanceAfter());
    }
}
