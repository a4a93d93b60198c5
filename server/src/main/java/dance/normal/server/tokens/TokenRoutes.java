package dance.normal.server.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.protocol.tokens.WithdrawalRequest;
import dance.normal.server.MoneyConfig;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.auth.Authenticator;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Database;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.payments.PaymentProvider;
import dance.normal.server.payments.StripeProvider;
import dance.normal.server.payments.StripeWebhook;
import dance.normal.server.payments.TestCardProvider;
import dance.normal.server.payments.TopupOutcome;
import dance.normal.server.payments.TopupService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens and money: offerings, quotes, purchases, top-ups, holdings, earnings, settlement and the admin audit, with
 * the background work that finishes what a crash or an outage left behind (purchases under way, queued top-ups) and
 * the periodic royalty settlement.
 */
public final class TokenRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);
    private static final Duration RESUME_EVERY = Duration.ofSeconds(5);

    private final Authenticator authenticator;
    private final AdminAuth admin;
    private final ObjectMapper json;
    private final OfferingService offerings;
    private final QuoteService quotes;
    private final PurchaseService purchases;
    private final TopupService topups;
    private final StripeWebhook stripeWebhook;
    private final SettlementService settlements;
    private final EarningsService earnings;
    private final TokenAudit audit;
    private final ChainMigration migration;
    private final Chain chain;
    private final MoneyConfig config;
    private final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nd-money-jobs").daemon().factory());

    /**
     * @param serverBase this server's address as a listener's browser reaches it (where Stripe Checkout sends the
     *                   browser back), asked for when a Checkout page is made
     */
    public TokenRoutes(Database db, CatalogRepository catalog, Authenticator authenticator, Chain chain,
                       MoneyConfig config, Path dataDir, Clock clock, ObjectMapper json, Supplier<URI> serverBase) {
        config.testMoneyRisk().ifPresent(risk -> {
            throw new IllegalStateException(risk);
        });
        this.authenticator = authenticator;
        this.json = json;
        this.config = config;
        this.admin = AdminAuth.from(config.adminToken(), dataDir);
        Ledger ledger = new Ledger(db.jdbi(), clock);
        TokenRepositories repositories = TokenRepositories.create();
        this.offerings = new OfferingService(db.jdbi(), catalog, repositories, chain, clock);
        this.quotes = new QuoteService(db.jdbi(), catalog, repositories, clock);
        this.purchases = new PurchaseService(db.jdbi(), db.dialect(), ledger, catalog, repositories, chain, clock,
                json);
        List<PaymentProvider> providers = config.payments().stream()
                .map(name -> provider(name, config, clock, serverBase)).toList();
        this.topups = new TopupService(db.jdbi(), ledger, providers, clock);
        this.stripeWebhook = config.stripe().map(s -> new StripeWebhook(
                s.webhookSecret().getBytes(StandardCharsets.UTF_8), db.jdbi(), topups, json, clock)).orElse(null);
        this.settlements = new SettlementService(db.jdbi(), ledger, catalog, repositories, clock,
                config.perPlayMicros());
        this.earnings = new EarningsService(db.jdbi(), ledger, catalog, repositories, chain, clock);
        this.chain = chain;
        this.audit = new TokenAudit(db.jdbi(), ledger, repositories);
        this.migration = new ChainMigration(db.jdbi(), chain, repositories);
        if (providers.stream().anyMatch(PaymentProvider::testMode)) {
            LOG.warn("Payments use the test-card provider: {}", TestCardProvider.NOTICE);
        }
    }

    private PaymentProvider provider(String name, MoneyConfig c, Clock clock, Supplier<URI> serverBase) {
        return switch (name) {
            case "stripe" -> new StripeProvider(c.stripe().orElseThrow().apiBase(),
                    c.stripe().orElseThrow().secretKey(), json, serverBase, clock);
            case "test-card" -> new TestCardProvider();
            default -> throw new IllegalArgumentException("Unknown payment provider " + name);
        };
    }

    /** Finishes what the last run left under way, then starts the background jobs. */
    public void start() {
        int resumed = purchases.resumeAll();
        if (resumed > 0) {
            LOG.info("Resumed {} purchases left under way", resumed);
        }
        jobs.scheduleWithFixedDelay(() -> quietly("resume purchases", purchases::resumeAll),
                RESUME_EVERY.toMillis(), RESUME_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(() -> quietly("move ledger-mode tokens on chain", migration::run), 0,
                RESUME_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(() -> quietly("pay out withdrawals", earnings::retryPending),
                RESUME_EVERY.toMillis(), RESUME_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(() -> quietly("retry top-ups", topups::retryQueued),
                RESUME_EVERY.toMillis(), RESUME_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(() -> quietly("reconcile pending top-ups", topups::reconcilePending),
                RESUME_EVERY.toMillis(), RESUME_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long settle = config.settleEvery().toMillis();
        jobs.scheduleWithFixedDelay(() -> quietly("settle royalties", settlements::settle), settle, settle,
                TimeUnit.MILLISECONDS);
    }

    private static void quietly(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("Background job '{}' failed; it runs again later", what, e);
        }
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/offerings", ctx -> ctx.status(201).json(offerings.open(authenticator.requireArtist(ctx),
                body(ctx, OfferingRequest.class))));
        r.get("/api/v1/offerings/{trackId}", ctx -> ctx.json(offerings.find(Http.uuidPath(ctx, "trackId", "track"))
                .orElseThrow(() -> ApiException.notFound("This track has no token offering."))));
        r.post("/api/v1/quotes", ctx -> ctx.status(201).json(quotes.quote(authenticator.require(ctx),
                body(ctx, QuoteRequest.class))));
        r.post("/api/v1/purchases", this::purchase);
        r.get("/api/v1/me/purchases", ctx -> ctx.json(Map.of("purchases",
                purchases.list(authenticator.require(ctx)))));
        r.get("/api/v1/me/purchases/{id}", ctx -> ctx.json(purchases.find(authenticator.require(ctx),
                Http.uuidPath(ctx, "id", "purchase")).orElseThrow(() -> ApiException.notFound(
                "There is no such purchase."))));
        r.post("/api/v1/me/topups", this::topup);
        r.get("/api/v1/me/topups/{id}", ctx -> ctx.json(topups.find(authenticator.require(ctx),
                Http.uuidPath(ctx, "id", "top-up")).orElseThrow(() -> ApiException.notFound(
                "There is no such top-up."))));
        r.post("/api/v1/payments/stripe/webhook", this::stripeWebhook);
        r.get(StripeProvider.RETURN_PATH, this::checkoutReturn);
        r.get("/api/v1/me/holdings", ctx -> ctx.json(earnings.holdings(authenticator.require(ctx))));
        r.get("/api/v1/me/earnings", ctx -> ctx.json(earnings.holderEarnings(authenticator.require(ctx))));
        r.get("/api/v1/me/ledger", ctx -> ctx.json(earnings.ledger(authenticator.require(ctx),
                Http.intQuery(ctx, "limit", 100, 1, 1000))));
        r.post("/api/v1/me/withdrawals", ctx -> {
            WithdrawalOutcome outcome = earnings.withdraw(authenticator.require(ctx), ctx.header("Idempotency-Key"),
                    body(ctx, WithdrawalRequest.class));
            int status = switch (outcome) {
                case WithdrawalOutcome.Paid paid -> 201;
                case WithdrawalOutcome.Paying paying -> 202;
                case WithdrawalOutcome.Returned returned -> 200;
            };
            ctx.status(status).json(outcome.withdrawal());
        });
        r.get("/api/v1/artists/me/earnings", ctx -> ctx.json(earnings.artistEarnings(
                authenticator.requireArtist(ctx))));
        r.get("/api/v1/admin/ledger/verify", ctx -> {
            admin.require(ctx);
            ctx.json(audit.verify());
        });
        r.get("/api/v1/admin/chain", ctx -> {
            admin.require(ctx);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("mode", chain.name());
            info.put("treasury", chain.treasuryOwner().orElse(null));
            info.put("payoutMint", config.payoutMint().orElse(null));
            ctx.json(info);
        });
        r.post("/api/v1/admin/settlements", ctx -> {
            admin.require(ctx);
            ctx.status(201).json(settlements.settle());
        });
    }

    private void purchase(Context ctx) {
        PurchaseOutcome outcome = purchases.purchase(authenticator.require(ctx), ctx.header("Idempotency-Key"),
                body(ctx, PurchaseRequest.class), ctx.attribute("nd.requestId"));
        switch (outcome) {
            case PurchaseOutcome.Completed done -> ctx.status(201).contentType("application/json")
                    .result(done.purchaseJson());
            case PurchaseOutcome.Refunded refunded -> ctx.status(200).contentType("application/json")
                    .result(refunded.purchaseJson());
            case PurchaseOutcome.Rejected rejected -> ctx.status(rejected.status()).contentType(Problem.MEDIA_TYPE)
                    .result(rejected.problemJson());
            case PurchaseOutcome.Waiting waiting -> ctx.status(202).json(waiting.purchase());
        }
    }

    private void topup(Context ctx) {
        TopupOutcome outcome = topups.topup(authenticator.require(ctx), ctx.header("Idempotency-Key"),
                body(ctx, TopupRequest.class));
        switch (outcome) {
            case TopupOutcome.Succeeded done -> ctx.status(201).json(done.topup());
            case TopupOutcome.GoingOn going -> ctx.status(202).json(going.topup());
            case TopupOutcome.Declined declined -> throw new ApiException(ProblemType.PAYMENT_DECLINED, 402,
                    declined.sentence());
        }
    }

    private void stripeWebhook(Context ctx) {
        if (stripeWebhook == null) {
            throw ApiException.notFound("Stripe is not set up on this server.");
        }
        boolean fresh = stripeWebhook.handle(ctx.header("Stripe-Signature"), ctx.bodyAsBytes());
        ctx.json(Map.of("received", true, "duplicate", !fresh));
    }

    /**
     * Where Stripe's payment page sends the listener's browser back: a page that says to return to the app (which
     * follows the top-up by itself). Nothing here changes money; only the webhook or a lookup at Stripe does.
     */
    private void checkoutReturn(Context ctx) {
        boolean paid = "paid".equals(ctx.queryParam("result"));
        String sentence = paid ? "Thank you. Your payment is with Stripe; Normal Dance adds the money as soon as "
                + "Stripe confirms it. You can close this page and go back to the app."
                : "No payment was made. You can close this page and go back to the app.";
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result("<!doctype html>"
                + "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Normal Dance</title></head><body>"
                + "<h1>Normal Dance</h1><p>" + sentence + "</p></body></html>");
    }

    private <T> T body(Context ctx, Class<T> type) {
        return Http.body(ctx, json, type);
    }

    /** The top-ups, so a test can run their background jobs on its own clock instead of waiting for them. */
    public TopupService topups() {
        return topups;
    }

    /** The purchases, so a test can run their resume job now instead of waiting for its next turn. */
    public PurchaseService purchases() {
        return purchases;
    }

    /** The operator's credential, for other admin-only answers (metrics). */
    public AdminAuth admin() {
        return admin;
    }

    /** For tests and the admin route: the audit of every money and token invariant. */
    public TokenAudit audit() {
        return audit;
    }

    @Override
    public void close() {
        jobs.shutdownNow();
        try {
            jobs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        chain.close();
    }
}
