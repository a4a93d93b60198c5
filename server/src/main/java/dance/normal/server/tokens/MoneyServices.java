package dance.normal.server.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.server.MoneyConfig;
import dance.normal.server.auth.ServerKeys;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Database;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.payments.PaymentProvider;
import dance.normal.server.payments.StripeProvider;
import dance.normal.server.payments.StripeWebhook;
import dance.normal.server.payments.TestCardProvider;
import dance.normal.server.payments.TopupService;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens and money, wired: offerings, quotes, purchases, top-ups, holdings, earnings, settlement and the audit, with
 * the background work that finishes what a crash or an outage left behind (purchases under way, queued top-ups) and
 * the periodic royalty settlement. The routes over them are {@link MoneyRoutes}, the Stripe webhook's are in
 * payments, the admin's in ops.
 */
public final class MoneyServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MoneyServices.class);
    private static final Duration RESUME_EVERY = Duration.ofSeconds(5);
    /** The server key (in {@code server_keys}) behind holders' pseudonyms in the Studio. */
    private static final String PSEUDONYM_KEY = "holder-pseudonym-hmac";

    private final ObjectMapper json;
    private final OfferingService offerings;
    private final QuoteService quotes;
    private final PurchaseService purchases;
    private final TopupService topups;
    private final StripeWebhook stripeWebhook;
    private final SettlementService settlements;
    private final EarningsService earnings;
    private final OfferingPreviews previews;
    private final StudioMoneyService studio;
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
    public MoneyServices(Database db, CatalogRepository catalog, Chain chain, MoneyConfig config, Clock clock,
                         ObjectMapper json, Supplier<URI> serverBase) {
        config.testMoneyRisk().ifPresent(risk -> {
            throw new IllegalStateException(risk);
        });
        this.json = json;
        this.config = config;
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
        this.previews = new OfferingPreviews(config.perPlayMicros());
        this.studio = new StudioMoneyService(db.jdbi(), ledger, catalog, repositories, earnings,
                ServerKeys.getOrCreate(db.jdbi(), PSEUDONYM_KEY), clock);
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

    /** The top-ups, so a test can run their background jobs on its own clock instead of waiting for them. */
    public TopupService topups() {
        return topups;
    }

    public OfferingService offerings() {
        return offerings;
    }

    public QuoteService quotes() {
        return quotes;
    }

    public PurchaseService purchases() {
        return purchases;
    }

    public EarningsService earnings() {
        return earnings;
    }

    /** The Studio's offering preview, by the rules that quote and settle. */
    public OfferingPreviews previews() {
        return previews;
    }

    /** The Studio's earnings, holders and statement. */
    public StudioMoneyService studio() {
        return studio;
    }

    public SettlementService settlements() {
        return settlements;
    }

    /** Stripe's webhook, when Stripe is set up. */
    public Optional<StripeWebhook> stripeWebhook() {
        return Optional.ofNullable(stripeWebhook);
    }

    public Chain chain() {
        return chain;
    }

    public MoneyConfig config() {
        return config;
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
