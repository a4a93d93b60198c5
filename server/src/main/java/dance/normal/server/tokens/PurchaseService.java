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
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Dialect;
import dance.normal.server.http.ApiException;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.OverdraftException;
import dance.normal.server.ledger.Posting;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
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
 * Each step is one database transaction that first moves the state on with a conditional update, so a step runs
 * once however many threads, processes or restarts try it. A refusal before any money moves ends REJECTED; a
 * delivery that fails for good ends REFUNDED, the money back in the balance. Purchases left under way by a crash are
 * picked up by {@link #resumeAll()}.
 */
public final class PurchaseService {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseService.class);
    private static final String PATH = "/api/v1/purchases";
    private static final List<String> UNDER_WAY = List.of("ACCEPTED", "RESERVED", "DEBITED", "DELIVERED", "RECORDED");

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Ledger ledger;
    private final CatalogRepository catalog;
    private final OfferingService offerings;
    private final QuoteService quotes;
    private final Chain chain;
    private final Clock clock;
    private final ObjectMapper json;

    public PurchaseService(Jdbi jdbi, Dialect dialect, Ledger ledger, CatalogRepository catalog,
                           OfferingService offerings, QuoteService quotes, Chain chain, Clock clock,
                           ObjectMapper json) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.ledger = ledger;
        this.catalog = catalog;
        this.offerings = offerings;
        this.quotes = quotes;
        this.chain = chain;
        this.clock = clock;
        this.json = json;
    }

    /** An HTTP answer: a Purchase, or a problem when the purchase was refused. */
    public record Answer(int status, String contentType, String body) {
    }

    /** One purchases row. */
    private record Row(String id, String accountId, String key, String quoteId, String trackId, long quantity,
                       long total, String wallet, String state, String failure, String chainRef,
                       Integer responseStatus, String responseBody, long createdAt, long updatedAt) {
    }

    public Answer purchase(Principal principal, String key, PurchaseRequest request, String requestId) {
        WalletSignatures.requireKey(key, "a purchase");
        if (request == null || request.quoteId() == null || request.signature() == null) {
            throw ApiException.badRequest("Send {\"quoteId\": ..., \"signature\": ...} as JSON.");
        }
        Optional<Row> earlier = byKey(principal.accountId(), key);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), request);
        }
        QuoteService.StoredQuote quote = jdbi.withHandle(h -> quotes.find(h, request.quoteId().strip()))
                .filter(q -> q.accountId().equals(principal.accountId()))
                .orElseThrow(() -> ApiException.notFound("There is no such quote."));
        WalletSignatures.require(quote.wallet(), request.signature(), quote.message());
        if (clock.millis() > quote.expiresAt()) {
            throw ApiException.conflict(ProblemType.QUOTE_EXPIRED,
                    "This quote has expired; ask for a new one. Nothing was charged.");
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbi.useTransaction(h -> h.createUpdate("INSERT INTO purchases (id, account_id, idempotency_key, "
                            + "quote_id, track_id, quantity, total_micros, wallet, signature, state, created_at, "
                            + "updated_at) "
                            + "VALUES (:id, :a, :key, :q, :t, :n, :total, :w, :sig, 'ACCEPTED', :now, :now)")
                    .bind("id", id).bind("a", principal.accountId()).bind("key", key).bind("q", quote.id())
                    .bind("t", quote.trackId()).bind("n", quote.quantity()).bind("total", quote.totalMicros())
                    .bind("w", quote.wallet()).bind("sig", request.signature().strip()).bind("now", now).execute());
        } catch (RuntimeException e) {
            Optional<Row> raced = byKey(principal.accountId(), key);
            if (raced.isPresent()) {
                return repeat(raced.get(), request);
            }
            if (jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM purchases WHERE quote_id = :q")
                    .bind("q", quote.id()).mapTo(Integer.class).one()) > 0) {
                throw ApiException.conflict(ProblemType.CONFLICT,
                        "This quote was already used for another purchase; ask for a new one.");
            }
            throw e;
        }
        FaultPoints.hit("purchase.accepted");
        return advance(id, requestId);
    }

    /** The same key again: the first answer, after finishing what a crash left undone. */
    private Answer repeat(Row row, PurchaseRequest request) {
        if (!row.quoteId().equals(request.quoteId().strip())) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, 422,
                    "This Idempotency-Key was used for a purchase of another quote; use a new key.");
        }
        return advance(row.id(), null);
    }

    public Optional<Purchase> find(Principal principal, String id) {
        return load(id).filter(r -> r.accountId().equals(principal.accountId())).map(this::view);
    }

    /** The account's purchases, newest first (at most 200). */
    public List<Purchase> list(Principal principal) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM purchases WHERE account_id = :a "
                        + "ORDER BY created_at DESC, id LIMIT 200").bind("a", principal.accountId())
                .mapTo(String.class).list()).stream()
                .map(this::load).flatMap(Optional::stream).map(this::view).toList();
    }

    /** Finishes every purchase a crash or an unreachable chain left under way; returns how many it looked at. */
    public int resumeAll() {
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM purchases WHERE state IN (<s>) "
                + "ORDER BY created_at").bindList("s", UNDER_WAY).mapTo(String.class).list());
        for (String id : ids) {
            try {
                advance(id, null);
            } catch (RuntimeException e) {
                LOG.warn("Purchase {} could not be resumed yet: {}", id, e.toString());
            }
        }
        return ids.size();
    }

    /** Runs the saga's next steps until it finishes or waits for the chain. */
    private Answer advance(String id, String requestId) {
        while (true) {
            Row row = load(id).orElseThrow();
            switch (row.state()) {
                case "ACCEPTED" -> reserve(row, requestId);
                case "RESERVED" -> debit(row, requestId);
                case "DEBITED" -> {
                    if (!deliver(row)) {
                        return new Answer(202, "application/json", write(view(load(id).orElseThrow())));
                    }
                }
                case "DELIVERED" -> record(row);
                case "RECORDED" -> complete(row);
                case "COMPLETED", "REJECTED", "REFUNDED" -> {
                    return new Answer(row.responseStatus(), row.state().equals("REJECTED")
                            ? Problem.MEDIA_TYPE : "application/json", row.responseBody());
                }
                default -> throw new IllegalStateException("Purchase " + id + " is in an unknown state " + row.state());
            }
        }
    }

    private void reserve(Row row, String requestId) {
        jdbi.useTransaction(h -> {
            if (!claim(h, row, "ACCEPTED", "RESERVED")) {
                return;
            }
            Offering offering = offerings.find(h, row.trackId()).orElseThrow();
            if (offering.capPerBuyer() != null) {
                lockBuyer(h, row.accountId());
                try {
                    QuoteService.requireUnderCap(h, row.accountId(), offering, row.quantity(), row.id());
                } catch (ApiException e) {
                    reject(h, row, e, requestId);
                    return;
                }
            }
            int reserved = h.createUpdate("UPDATE offerings SET reserved = reserved + :q WHERE track_id = :t "
                            + "AND sold + reserved + :q <= supply")
                    .bind("q", row.quantity()).bind("t", row.trackId()).execute();
            if (reserved == 0) {
                long left = offerings.find(h, row.trackId()).orElseThrow().available();
                reject(h, row, ApiException.conflict(ProblemType.SOLD_OUT, left == 0
                        ? "This track's tokens sold out before your purchase; nothing was charged."
                        : "Only " + left + " tokens of this track are left; nothing was charged."), requestId);
            }
        });
        FaultPoints.hit("purchase.reserved");
    }

    private void debit(Row row, String requestId) {
        try {
            jdbi.useTransaction(h -> {
                if (!claim(h, row, "RESERVED", "DEBITED")) {
                    return;
                }
                LedgerTransaction tx = ledger.append(h, "purchase", "Paid " + Money.ofMicros(row.total()).format()
                        + " for " + row.quantity() + " tokens (purchase " + row.id() + ")",
                        List.of(new Posting(Accounts.balance(row.accountId()), -row.total()),
                                new Posting(Accounts.ESCROW, row.total())));
                refer(h, tx, row);
            });
        } catch (OverdraftException e) {
            jdbi.useTransaction(h -> {
                if (claim(h, row, "RESERVED", "REJECTED")) {
                    release(h, row);
                    reject(h, row, new ApiException(ProblemType.INSUFFICIENT_FUNDS, 402, "Your balance is "
                            + Money.ofMicros(e.balance()).format() + " and this costs "
                            + Money.ofMicros(row.total()).format() + "; top up and try again. Nothing was charged."),
                            requestId);
                }
            });
            return;
        }
        FaultPoints.hit("purchase.debited");
    }

    /** True when delivered (or refunded); false when the chain asks to wait. */
    private boolean deliver(Row row) {
        String mint = offerings.find(row.trackId()).map(Offering::mint).orElse(null);
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
                if (!claim(h, row, "DEBITED", "DELIVERED")) {
                    return;
                }
                h.createUpdate("UPDATE purchases SET chain_ref = :ref WHERE id = :id").bind("ref", done.reference())
                        .bind("id", row.id()).execute();
                moveTokens(h, row.trackId(), OfferingService.TREASURY, row.accountId(), row.quantity());
            });
            case Chain.Delivery.Pending pending -> {
                jdbi.useHandle(h -> h.createUpdate("UPDATE purchases SET delivery_tries = delivery_tries + 1, "
                        + "updated_at = :now WHERE id = :id").bind("now", clock.millis()).bind("id", row.id())
                        .execute());
                return false;
            }
            case Chain.Delivery.Failed failed -> refund(row, failed.reason());
        }
        FaultPoints.hit("purchase.delivered");
        return true;
    }

    private void refund(Row row, String reason) {
        LOG.warn("Purchase {} could not be delivered and is refunded: {}", row.id(), reason);
        jdbi.useTransaction(h -> {
            if (!claim(h, row, "DEBITED", "REFUNDED")) {
                return;
            }
            LedgerTransaction tx = ledger.append(h, "refund", "Refunded " + Money.ofMicros(row.total()).format()
                    + ": the tokens of purchase " + row.id() + " could not be delivered",
                    List.of(new Posting(Accounts.ESCROW, -row.total()),
                            new Posting(Accounts.balance(row.accountId()), row.total())));
            refer(h, tx, row);
            release(h, row);
            h.createUpdate("UPDATE purchases SET failure = :f WHERE id = :id")
                    .bind("f", "The tokens could not be delivered, so your money was returned to your balance.")
                    .bind("id", row.id()).execute();
            Row refunded = load(h, row.id()).orElseThrow();
            storeAnswer(h, row.id(), 200, write(view(refunded)));
        });
    }

    private void record(Row row) {
        jdbi.useTransaction(h -> {
            if (!claim(h, row, "DELIVERED", "RECORDED")) {
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
            refer(h, tx, row);
            h.createUpdate("UPDATE offerings SET sold = sold + :q, reserved = reserved - :q WHERE track_id = :t")
                    .bind("q", row.quantity()).bind("t", row.trackId()).execute();
        });
        FaultPoints.hit("purchase.recorded");
    }

    private void complete(Row row) {
        // Read before the transaction: a second pooled connection taken inside one could wait on a pool whose
        // connections all wait on this transaction's write lock.
        Track track = catalog.track(row.trackId()).orElse(null);
        jdbi.useTransaction(h -> {
            if (!claim(h, row, "RECORDED", "COMPLETED")) {
                return;
            }
            Split split = RoyaltyRules.sale(row.total());
            long holding = h.createQuery("SELECT quantity FROM token_holdings WHERE track_id = :t AND holder = :a")
                    .bind("t", row.trackId()).bind("a", row.accountId()).mapTo(Long.class).findOne().orElse(0L);
            Receipt receipt = new Receipt(row.id(), row.trackId(), track == null ? "" : track.title(),
                    track == null ? "" : track.artistName(), row.quantity(), row.total(), split.artist(),
                    split.platform(), holding, Ledger.balance(h, Accounts.balance(row.accountId())), clock.instant());
            Row done = load(h, row.id()).orElseThrow();
            storeAnswer(h, row.id(), 201, write(view(done, receipt)));
        });
        FaultPoints.hit("purchase.completed");
    }

    /** Moves the saga on from {@code from} to {@code to}; false if another runner already did. */
    private boolean claim(Handle h, Row row, String from, String to) {
        return h.createUpdate("UPDATE purchases SET state = :to, updated_at = :now WHERE id = :id AND state = :from")
                .bind("to", to).bind("now", clock.millis()).bind("id", row.id()).bind("from", from)
                .execute() == 1;
    }

    private void reject(Handle h, Row row, ApiException why, String requestId) {
        Problem problem = new Problem(why.type().uri(), why.type().title(), why.status(), why.getMessage(), PATH,
                requestId);
        h.createUpdate("UPDATE purchases SET state = 'REJECTED', failure = :f, updated_at = :now WHERE id = :id")
                .bind("f", why.getMessage()).bind("now", clock.millis()).bind("id", row.id()).execute();
        storeAnswer(h, row.id(), why.status(), write(problem));
    }

    private void release(Handle h, Row row) {
        h.createUpdate("UPDATE offerings SET reserved = reserved - :q WHERE track_id = :t")
                .bind("q", row.quantity()).bind("t", row.trackId()).execute();
    }

    private void lockBuyer(Handle h, String accountId) {
        if (dialect == Dialect.POSTGRES) {
            h.createQuery("SELECT id FROM accounts WHERE id = :a FOR UPDATE").bind("a", accountId)
                    .mapTo(String.class).one();
        }
    }

    private static void refer(Handle h, LedgerTransaction tx, Row row) {
        h.createUpdate("INSERT INTO ledger_refs (tx_seq, track_id, ref_id) VALUES (:s, :t, :r)")
                .bind("s", tx.seq()).bind("t", row.trackId()).bind("r", row.id()).execute();
    }

    static void moveTokens(Handle h, String trackId, String from, String to, long quantity) {
        int taken = h.createUpdate("UPDATE token_holdings SET quantity = quantity - :q WHERE track_id = :t "
                        + "AND holder = :from AND quantity >= :q")
                .bind("q", quantity).bind("t", trackId).bind("from", from).execute();
        if (taken != 1) {
            throw new IllegalStateException(from + " holds fewer than " + quantity + " tokens of " + trackId);
        }
        int added = h.createUpdate("UPDATE token_holdings SET quantity = quantity + :q WHERE track_id = :t "
                + "AND holder = :to").bind("q", quantity).bind("t", trackId).bind("to", to).execute();
        if (added == 0) {
            h.createUpdate("INSERT INTO token_holdings (track_id, holder, quantity) VALUES (:t, :to, :q)")
                    .bind("t", trackId).bind("to", to).bind("q", quantity).execute();
        }
    }

    private void storeAnswer(Handle h, String id, int status, String body) {
        h.createUpdate("UPDATE purchases SET response_status = :s, response_body = :b WHERE id = :id")
                .bind("s", status).bind("b", body).bind("id", id).execute();
    }

    private Optional<Row> byKey(String accountId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM purchases WHERE account_id = :a "
                        + "AND idempotency_key = :k").bind("a", accountId).bind("k", key).mapTo(String.class)
                .findOne()).flatMap(this::load);
    }

    private Optional<Row> load(String id) {
        return jdbi.withHandle(h -> load(h, id));
    }

    private static Optional<Row> load(Handle h, String id) {
        return h.createQuery("SELECT * FROM purchases WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> {
                    int status = rs.getInt("response_status");
                    Integer responseStatus = rs.wasNull() ? null : status;
                    return new Row(rs.getString("id"), rs.getString("account_id"), rs.getString("idempotency_key"),
                            rs.getString("quote_id"), rs.getString("track_id"), rs.getLong("quantity"),
                            rs.getLong("total_micros"), rs.getString("wallet"), rs.getString("state"),
                            rs.getString("failure"), rs.getString("chain_ref"), responseStatus,
                            rs.getString("response_body"), rs.getLong("created_at"), rs.getLong("updated_at"));
                })
                .findOne();
    }

    private Purchase view(Row row) {
        if (row.state().equals("COMPLETED") && row.responseBody() != null) {
            try {
                return json.readValue(row.responseBody(), Purchase.class);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return view(row, null);
    }

    private static Purchase view(Row row, Receipt receipt) {
        return new Purchase(row.id(), row.state(), row.trackId(), row.quantity(), row.total(), row.wallet(),
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
