package dance.normal.server.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Money;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.Receipt;
import dance.normal.server.auth.AccountRepository;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Dialect;
import dance.normal.server.http.ApiException;
import dance.normal.server.ledger.Accounts;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.OverdraftException;
import dance.normal.server.ledger.Posting;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
import dance.normal.server.tokens.PurchaseRepository.Row;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buying track tokens: a saga persisted step by step in the {@code purchases} row.
 *
 * <pre>
 * ACCEPTED  the wallet's signature over the quote checked; the row exists (unique per Idempotency-Key and quote)
 * RESERVED  supply held back (offerings.reserved), the buyer's cap checked
 * DEBITED   the price moved from the buyer's balance to escrow (ledger)
 * DELIVERED tokens moved from the treasury to the buyer (Chain, then token_holdings)
 * RECORDED  escrow split to artist (90%) and platform (10%); the tokens counted as sold
 * COMPLETED the receipt written; the answer stored for repeats
 * </pre>
 *
 * Each step is one database transaction that reads the row and moves the state on with a conditional update, so a
 * step runs once however many threads, processes or restarts try it; only the chain's delivery runs between
 * transactions. SQL lives in the repositories, which take this service's transaction handle (decision 0033). A
 * refusal before any money moves ends REJECTED; a delivery that fails for good ends REFUNDED, the money back in the
 * balance. Purchases left under way by a crash are picked up by {@link #resumeAll()}. The service speaks no HTTP: it
 * returns a {@link PurchaseOutcome} for the route to answer.
 */
public final class PurchaseService {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseService.class);
    private static final String PATH = "/api/v1/purchases";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Ledger ledger;
    private final CatalogRepository catalog;
    private final OfferingRepository offerings;
    private final HoldingRepository holdings;
    private final PurchaseRepository purchases;
    private final QuoteRepository quotes;
    private final AccountRepository accounts = new AccountRepository();
    private final Chain chain;
    private final Clock clock;
    private final ObjectMapper json;

    public PurchaseService(Jdbi jdbi, Dialect dialect, Ledger ledger, CatalogRepository catalog,
                           TokenRepositories repositories, Chain chain, Clock clock, ObjectMapper json) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.ledger = ledger;
        this.catalog = catalog;
        this.offerings = repositories.offerings();
        this.holdings = repositories.holdings();
        this.purchases = repositories.purchases();
        this.quotes = repositories.quotes();
        this.chain = chain;
        this.clock = clock;
        this.json = json;
    }

    /** What the next step of a purchase is, decided inside one transaction. */
    private sealed interface Next {
        /** A step ran (or another runner had run it); the fault point after it ("" for none). */
        record Stepped(String faultPoint) implements Next {
        }

        /** Paid: the chain delivers next, outside any transaction. */
        record Deliver(Row row, String mint) implements Next {
        }

        /** Finished: the stored answer. */
        record Finished(PurchaseOutcome outcome) implements Next {
        }
    }

    public PurchaseOutcome purchase(Principal principal, String key, PurchaseRequest request, String requestId) {
        WalletSignatures.requireKey(key, "a purchase");
        if (request == null || request.quoteId() == null || request.signature() == null) {
            throw ApiException.badRequest("Send {\"quoteId\": ..., \"signature\": ...} as JSON.");
        }
        String quoteId = request.quoteId().strip();
        Accepted accepted;
        try {
            accepted = jdbi.inTransaction(h -> accept(h, principal, key, quoteId, request.signature().strip()));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // The insert lost a race (same key, or same quote): the transaction is gone, so look in a new one.
            String id = jdbi.inTransaction(h -> {
                Optional<Row> raced = purchases.findByKey(h, principal.accountId(), key);
                if (raced.isPresent()) {
                    return sameQuote(raced.get(), quoteId).id();
                }
                if (purchases.quoteUsed(h, quoteId)) {
                    throw ApiException.conflict(ProblemType.CONFLICT,
                            "This quote was already used for another purchase; ask for a new one.");
                }
                throw e;
            });
            return advance(id, null);
        }
        if (!accepted.fresh()) {
            return advance(accepted.id(), null);
        }
        FaultPoints.hit("purchase.accepted");
        return advance(accepted.id(), requestId);
    }

    /** A purchase's id, and whether this request made it. */
    private record Accepted(String id, boolean fresh) {
    }

    /** A new purchase in state ACCEPTED, or the earlier one made with the same key. */
    private Accepted accept(Handle h, Principal principal, String key, String quoteId, String signature) {
        Optional<Row> earlier = purchases.findByKey(h, principal.accountId(), key);
        if (earlier.isPresent()) {
            return new Accepted(sameQuote(earlier.get(), quoteId).id(), false);
        }
        QuoteRepository.StoredQuote quote = quotes.find(h, quoteId)
                .filter(q -> q.accountId().equals(principal.accountId()))
                .orElseThrow(() -> ApiException.notFound("There is no such quote."));
        WalletSignatures.require(quote.wallet(), signature, quote.message());
        if (clock.millis() > quote.expiresAt()) {
            throw ApiException.conflict(ProblemType.QUOTE_EXPIRED,
                    "This quote has expired; ask for a new one. Nothing was charged.");
        }
        String id = UUID.randomUUID().toString();
        purchases.insert(h, new PurchaseRepository.NewPurchase(id, principal.accountId(), key, quote.id(),
                quote.trackId(), quote.quantity(), quote.totalMicros(), quote.wallet(), signature, clock.millis()));
        return new Accepted(id, true);
    }

    /** The same key again must name the same quote; its first answer is then given after finishing the saga. */
    private static Row sameQuote(Row row, String quoteId) {
        if (!row.quoteId().equals(quoteId)) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, 422,
                    "This Idempotency-Key was used for a purchase of another quote; use a new key.");
        }
        return row;
    }

    public Optional<Purchase> find(Principal principal, String id) {
        return jdbi.withHandle(h -> purchases.find(h, id))
                .filter(r -> r.accountId().equals(principal.accountId())).map(this::view);
    }

    /** The account's purchases, newest first (at most 200). */
    public List<Purchase> list(Principal principal) {
        return jdbi.withHandle(h -> purchases.ofAccount(h, principal.accountId(), 200)).stream()
                .map(this::view).toList();
    }

    /** Finishes every purchase a crash or an unreachable chain left under way; returns how many it looked at. */
    public int resumeAll() {
        List<String> ids = jdbi.withHandle(h -> purchases.idsIn(h, PurchaseState.UNDER_WAY));
        for (String id : ids) {
            try {
                advance(id, null);
            } catch (RuntimeException e) {
                LOG.warn("Purchase {} could not be resumed yet: {}", id, e.toString());
            }
        }
        return ids.size();
    }

    /** Runs the saga's next steps, one transaction each, until it finishes or waits for the chain. */
    private PurchaseOutcome advance(String id, String requestId) {
        while (true) {
            Next next = jdbi.inTransaction(h -> step(h, purchases.find(h, id).orElseThrow(), requestId));
            switch (next) {
                case Next.Stepped stepped -> FaultPoints.hit(stepped.faultPoint());
                case Next.Deliver deliver -> {
                    Optional<Purchase> waiting = deliver(deliver.row(), deliver.mint());
                    if (waiting.isPresent()) {
                        return new PurchaseOutcome.Waiting(waiting.get());
                    }
                }
                case Next.Finished finished -> {
                    return finished.outcome();
                }
            }
        }
    }

    private Next step(Handle h, Row row, String requestId) {
        return switch (row.state()) {
            case ACCEPTED -> {
                reserve(h, row, requestId);
                yield new Next.Stepped("purchase.reserved");
            }
            case RESERVED -> new Next.Stepped(debit(h, row, requestId) ? "purchase.debited" : "");
            case DEBITED -> new Next.Deliver(row, offerings.find(h, row.trackId()).map(Offering::mint).orElse(null));
            case DELIVERED -> {
                record(h, row);
                yield new Next.Stepped("purchase.recorded");
            }
            case RECORDED -> {
                complete(h, row);
                yield new Next.Stepped("purchase.completed");
            }
            case COMPLETED -> new Next.Finished(new PurchaseOutcome.Completed(row.responseBody()));
            case REFUNDED -> new Next.Finished(new PurchaseOutcome.Refunded(row.responseBody()));
            case REJECTED -> new Next.Finished(new PurchaseOutcome.Rejected(row.responseStatus(),
                    row.responseBody()));
        };
    }

    private void reserve(Handle h, Row row, String requestId) {
        if (!claim(h, row, PurchaseState.ACCEPTED, PurchaseState.RESERVED)) {
            return;
        }
        Offering offering = offerings.find(h, row.trackId()).orElseThrow();
        if (offering.capPerBuyer() != null) {
            lockBuyer(h, row.accountId());
            try {
                QuoteService.requireUnderCap(h, purchases, row.accountId(), offering, row.quantity(), row.id());
            } catch (ApiException e) {
                reject(h, row, e, requestId);
                return;
            }
        }
        if (!offerings.reserve(h, row.trackId(), row.quantity())) {
            long left = offerings.find(h, row.trackId()).orElseThrow().available();
            reject(h, row, ApiException.conflict(ProblemType.SOLD_OUT, left == 0
                    ? "This track's tokens sold out before your purchase; nothing was charged."
                    : "Only " + left + " tokens of this track are left; nothing was charged."), requestId);
        }
    }

    /** False when refused for want of money. */
    private boolean debit(Handle h, Row row, String requestId) {
        if (!claim(h, row, PurchaseState.RESERVED, PurchaseState.DEBITED)) {
            return true;
        }
        // The ledger finds an overdraft after its first writes: those are undone to here, the claim kept.
        h.savepoint("debit");
        try {
            LedgerTransaction tx = ledger.append(h, "purchase", "Paid " + Money.ofMicros(row.total()).format()
                    + " for " + row.quantity() + " tokens (purchase " + row.id() + ")",
                    List.of(new Posting(Accounts.balance(row.accountId()), -row.total()),
                            new Posting(Accounts.ESCROW, row.total())));
            ledger.refer(h, tx, row.trackId(), row.id());
        } catch (OverdraftException e) {
            h.rollbackToSavepoint("debit");
            offerings.release(h, row.trackId(), row.quantity());
            reject(h, row, new ApiException(ProblemType.INSUFFICIENT_FUNDS, 402, "Your balance is "
                    + Money.ofMicros(e.balance()).format() + " and this costs "
                    + Money.ofMicros(row.total()).format() + "; top up and try again. Nothing was charged."),
                    requestId);
            return false;
        }
        return true;
    }

    /** Empty when delivered (or refunded); the purchase as it stands when the chain asks to wait. */
    private Optional<Purchase> deliver(Row row, String mint) {
        Chain.Delivery delivery;
        try {
            delivery = chain.deliver(new Chain.TokenTransfer(row.id(), row.trackId(), mint, row.quantity(),
                    row.wallet()));
        } catch (RuntimeException e) {
            LOG.warn("Delivery of purchase {} failed for now: {}", row.id(), e.toString());
            delivery = new Chain.Delivery.Pending(e.toString());
        }
        switch (delivery) {
            case Chain.Delivery.Done done -> jdbi.useTransaction(h -> {
                if (!claim(h, row, PurchaseState.DEBITED, PurchaseState.DELIVERED)) {
                    return;
                }
                purchases.setChainRef(h, row.id(), done.reference());
                holdings.move(h, row.trackId(), HoldingRepository.TREASURY, row.accountId(), row.quantity());
            });
            case Chain.Delivery.Pending pending -> {
                return Optional.of(view(jdbi.inTransaction(h -> {
                    purchases.countDeliveryTry(h, row.id(), clock.millis());
                    return purchases.find(h, row.id()).orElseThrow();
                })));
            }
            case Chain.Delivery.Failed failed -> refund(row, failed.reason());
        }
        FaultPoints.hit("purchase.delivered");
        return Optional.empty();
    }

    private void refund(Row row, String reason) {
        LOG.warn("Purchase {} could not be delivered and is refunded: {}", row.id(), reason);
        jdbi.useTransaction(h -> {
            if (!claim(h, row, PurchaseState.DEBITED, PurchaseState.REFUNDED)) {
                return;
            }
            LedgerTransaction tx = ledger.append(h, "refund", "Refunded " + Money.ofMicros(row.total()).format()
                    + ": the tokens of purchase " + row.id() + " could not be delivered",
                    List.of(new Posting(Accounts.ESCROW, -row.total()),
                            new Posting(Accounts.balance(row.accountId()), row.total())));
            ledger.refer(h, tx, row.trackId(), row.id());
            offerings.release(h, row.trackId(), row.quantity());
            purchases.setFailure(h, row.id(),
                    "The tokens could not be delivered, so your money was returned to your balance.");
            Row refunded = purchases.find(h, row.id()).orElseThrow();
            purchases.storeAnswer(h, row.id(), 200, write(view(refunded)));
        });
    }

    private void record(Handle h, Row row) {
        if (!claim(h, row, PurchaseState.DELIVERED, PurchaseState.RECORDED)) {
            return;
        }
        Offering offering = offerings.find(h, row.trackId()).orElseThrow();
        Split split = RoyaltyRules.sale(row.total());
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(Accounts.ESCROW, -row.total()));
        if (split.artist() > 0) {
            postings.add(new Posting(Accounts.artist(offering.artistId()), split.artist()));
        }
        if (split.platform() > 0) {
            postings.add(new Posting(Accounts.PLATFORM, split.platform()));
        }
        LedgerTransaction tx = ledger.append(h, "sale", "Sold " + row.quantity() + " tokens for "
                + Money.ofMicros(row.total()).format() + ": 90% to the artist, 10% platform fee (purchase "
                + row.id() + ")", postings);
        ledger.refer(h, tx, row.trackId(), row.id());
        offerings.sell(h, row.trackId(), row.quantity());
    }

    private void complete(Handle h, Row row) {
        if (!claim(h, row, PurchaseState.RECORDED, PurchaseState.COMPLETED)) {
            return;
        }
        Track track = catalog.findTrack(h, row.trackId()).orElse(null);
        Split split = RoyaltyRules.sale(row.total());
        long holding = holdings.quantity(h, row.trackId(), row.accountId());
        Receipt receipt = new Receipt(row.id(), row.trackId(), track == null ? "" : track.title(),
                track == null ? "" : track.artistName(), row.quantity(), row.total(), split.artist(),
                split.platform(), holding, Ledger.balance(h, Accounts.balance(row.accountId())), clock.instant());
        Row done = purchases.find(h, row.id()).orElseThrow();
        purchases.storeAnswer(h, row.id(), 201, write(view(done, receipt)));
    }

    private boolean claim(Handle h, Row row, PurchaseState from, PurchaseState to) {
        return purchases.claim(h, row.id(), from, to, clock.millis());
    }

    private void reject(Handle h, Row row, ApiException why, String requestId) {
        Problem problem = new Problem(why.type().uri(), why.type().title(), why.status(), why.getMessage(), PATH,
                requestId);
        purchases.reject(h, row.id(), why.getMessage(), why.status(), write(problem), clock.millis());
    }

    /** One buyer's cap checks run one at a time (on SQLite the write lock already does this). */
    private void lockBuyer(Handle h, String accountId) {
        if (dialect == Dialect.POSTGRES) {
            accounts.lock(h, accountId);
        }
    }

    private Purchase view(Row row) {
        if (row.state() == PurchaseState.COMPLETED && row.responseBody() != null) {
            try {
                return json.readValue(row.responseBody(), Purchase.class);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return view(row, null);
    }

    private static Purchase view(Row row, Receipt receipt) {
        return new Purchase(row.id(), row.state().name(), row.trackId(), row.quantity(), row.total(), row.wallet(),
                row.failure(), row.chainRef(), receipt, Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
