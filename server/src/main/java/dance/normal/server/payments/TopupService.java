package dance.normal.server.payments;

import dance.normal.protocol.Money;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.tokens.Topup;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.protocol.resilience.CircuitBreaker;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.ApiException;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.Posting;
import dance.normal.server.payments.TopupRepository.Row;
import dance.normal.server.ledger.Accounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-ups of a listener's dollar balance. Providers are tried in order, each behind a circuit breaker; when none can
 * be reached the top-up is queued and {@link #retryQueued()} tries it again with the same idempotency key, so it is
 * charged at most once, with backoff (10 s after the first failed attempt, doubling up to 15 minutes). The balance is
 * credited in the same database transaction that marks the top-up succeeded.
 *
 * <p>Test money never stands in for real money: when a provider that moves real money takes the payment method, a
 * test-mode provider is never tried for it, whatever the order ({@code MoneyConfig.testMoneyRisk} refuses the
 * set-ups where that could matter unless the operator allows it).
 *
 * <p>States: CHARGING (a runner is calling a provider), QUEUED (no provider reachable), PENDING (the provider is
 * finishing; its webhook ends it), SUCCEEDED, DECLINED.
 */
public final class TopupService {

    private static final Logger LOG = LoggerFactory.getLogger(TopupService.class);
    public static final long MIN_MICROS = 1_000_000;
    public static final long MAX_MICROS = 1_000_000_000;
    /** A CHARGING top-up older than this was left by a crashed process and is tried again. */
    private static final Duration STALE_CHARGE = Duration.ofMinutes(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LAST_RETRY = Duration.ofMinutes(15);
    /** A top-up PENDING this long without its webhook is looked up at the provider. */
    public static final Duration RECONCILE_AFTER = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final TopupRepository topups = new TopupRepository();
    private final List<Guarded> providers;
    private final Clock clock;

    private record Guarded(PaymentProvider provider, CircuitBreaker breaker) {
    }

    public TopupService(Jdbi jdbi, Ledger ledger, List<PaymentProvider> providers, Clock clock) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one payment provider is needed");
        }
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.providers = providers.stream()
                .map(p -> new Guarded(p, new CircuitBreaker(3, Duration.ofSeconds(10), clock))).toList();
        this.clock = clock;
    }

    public TopupOutcome topup(Principal principal, String key, TopupRequest request) {
        if (key == null || key.isBlank() || key.length() > 100) {
            throw ApiException.badRequest("Send an Idempotency-Key header (up to 100 characters) with a top-up.");
        }
        if (request == null) {
            throw ApiException.badRequest("Send {\"amountMicros\": ..., \"paymentMethod\": ...} as JSON.");
        }
        long amount = request.amountMicros();
        if (amount < MIN_MICROS || amount > MAX_MICROS || amount % 10_000 != 0) {
            throw ApiException.validation("A top-up is whole cents from $1.00 to $1,000.00 (1000000 to 1000000000 "
                    + "micro-dollars).");
        }
        String method = PaymentMethods.token(request.paymentMethod()).orElseThrow(() -> ApiException.validation(
                "That is not a payment method we can use. In test mode use 4242 4242 4242 4242 (succeeds) or "
                        + "4000 0000 0000 0002 (declined)."));
        if (providers.stream().noneMatch(g -> g.provider().accepts(method))) {
            throw ApiException.validation("No payment provider here takes that payment method.");
        }
        String accountId = principal.accountId();
        Optional<Row> earlier;
        String id = UUID.randomUUID().toString();
        try {
            earlier = jdbi.inTransaction(h -> {
                Optional<Row> row = topups.findByKey(h, accountId, key);
                if (row.isEmpty()) {
                    topups.insert(h, id, accountId, key, amount, method, PaymentMethods.label(method),
                            clock.millis());
                }
                return row;
            });
        } catch (RuntimeException e) {
            return jdbi.withHandle(h -> topups.findByKey(h, accountId, key).map(r -> outcome(h, r)))
                    .orElseThrow(() -> e);
        }
        if (earlier.isPresent()) {
            Row row = earlier.get();
            if (row.amount() != amount || !row.method().equals(method)) {
                throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, 422,
                        "This Idempotency-Key was used for a different top-up; use a new key.");
            }
            return jdbi.withHandle(h -> outcome(h, row));
        }
        attempt(load(id));
        return jdbi.withHandle(h -> outcome(h, topups.find(h, id).orElseThrow()));
    }

    /**
     * Tries queued top-ups whose backoff has passed (and ones a crash left charging) again; returns how many
     * succeeded. One run at a time in this process, so a test that triggers it waits for the scheduled run.
     */
    public synchronized int retryQueued() {
        long now = clock.millis();
        long stale = now - STALE_CHARGE.toMillis();
        List<String> ids = jdbi.withHandle(h -> topups.dueForRetry(h, now, stale));
        int succeeded = 0;
        for (String id : ids) {
            Optional<Row> claimed = jdbi.inTransaction(h -> topups.claimForRetry(h, id, now, stale)
                    ? topups.find(h, id) : Optional.<Row>empty());
            if (claimed.isPresent()) {
                attempt(claimed.get());
                if (load(id).state() == TopupState.SUCCEEDED) {
                    succeeded++;
                }
            }
        }
        return succeeded;
    }

    public Optional<Topup> find(Principal principal, String id) {
        return jdbi.withHandle(h -> topups.find(h, id).filter(r -> r.accountId().equals(principal.accountId()))
                .map(r -> view(h, r)));
    }

    /**
     * A provider's webhook said how a pending charge ended: settled on the caller's transaction, so the event is
     * recorded as handled only if the settling commits with it. Safe to call twice.
     */
    public void settle(Handle h, String topupId, String provider, PaymentProvider.Charge outcome) {
        Optional<Row> row = topups.find(h, topupId);
        if (row.isEmpty()) {
            LOG.warn("A {} event names top-up {}, which does not exist here", provider, topupId);
            return;
        }
        finish(h, row.get(), provider, outcome);
    }

    /**
     * Asks the provider how each top-up left PENDING for {@link #RECONCILE_AFTER} stands (its webhook may have been
     * lost, or failed for good), and settles the ones that ended; returns how many it settled. A top-up still
     * pending is asked again after another {@link #RECONCILE_AFTER}. One run at a time in this process.
     */
    public synchronized int reconcilePending() {
        long now = clock.millis();
        List<Row> rows = jdbi.withHandle(h -> topups.pendingSince(h, now - RECONCILE_AFTER.toMillis()));
        int settled = 0;
        for (Row row : rows) {
            Optional<Guarded> g = providers.stream().filter(p -> p.provider().name().equals(row.provider()))
                    .findFirst();
            Optional<PaymentProvider.Charge> charge;
            try {
                charge = g.flatMap(p -> p.provider().lookup(row.providerRef()));
            } catch (ProviderUnavailableException e) {
                LOG.warn("Could not ask {} how top-up {} stands: {}", row.provider(), row.id(), e.getMessage());
                continue;
            }
            if (charge.isEmpty() || charge.get().status() == PaymentProvider.Status.PENDING) {
                jdbi.useTransaction(h -> topups.touchPending(h, row.id(), clock.millis()));
                continue;
            }
            LOG.info("Top-up {} was still pending; {} says it ended {}", row.id(), row.provider(),
                    charge.get().status());
            finish(row, row.provider(), charge.get());
            settled++;
        }
        return settled;
    }
    /** Calls providers in order until one answers; the top-up must be CHARGING (claimed by this runner). */
    private void attempt(Row row) {
        boolean realMoney = providers.stream().anyMatch(g -> !g.provider().testMode()
                && g.provider().accepts(row.method()));
        for (Guarded g : providers) {
            if (!g.provider().accepts(row.method()) || (realMoney && g.provider().testMode())
                    || !g.breaker().allow()) {
                continue;
            }
            PaymentProvider.Charge charge;
            try {
                charge = g.provider().charge(row.id(), row.amount(), row.method(), row.id());
                g.breaker().success();
            } catch (ProviderUnavailableException e) {
                g.breaker().failure();
                LOG.warn("Payment provider {} is unavailable for top-up {}: {}", g.provider().name(), row.id(),
                        e.getMessage());
                continue;
            } catch (RuntimeException e) {
                LOG.error("Payment provider {} refused top-up {}", g.provider().name(), row.id(), e);
                finish(row, g.provider().name(), new PaymentProvider.Charge(PaymentProvider.Status.DECLINED, null,
                        "The payment could not be made; nothing was charged."));
                return;
            }
            finish(row, g.provider().name(), charge);
            return;
        }
        long now = clock.millis();
        jdbi.useTransaction(h -> topups.queue(h, row.id(), now + backoff(row.attempts() + 1).toMillis(), now));
    }

    /** How long after its {@code attempts}-th failed attempt a queued top-up waits: 10 s, doubling, at most 15 min. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : d;
    }

    private void finish(Row row, String provider, PaymentProvider.Charge charge) {
        jdbi.useTransaction(h -> finish(h, row, provider, charge));
    }

    private void finish(Handle h, Row row, String provider, PaymentProvider.Charge charge) {
        boolean moved = topups.finish(h, row.id(), TopupState.of(charge.status()), provider, charge.reference(),
                charge.failure(), charge.redirectUrl(), clock.millis());
        if (moved && charge.status() == PaymentProvider.Status.SUCCEEDED) {
            credit(h, row, provider);
        }
    }

    private void credit(Handle h, Row row, String provider) {
        LedgerTransaction tx = ledger.append(h, "topup", "Added " + Money.ofMicros(row.amount()).format() + " with "
                + row.label() + " (top-up " + row.id() + ")",
                List.of(new Posting(Accounts.payments(provider), -row.amount()),
                        new Posting(Accounts.balance(row.accountId()), row.amount())));
        ledger.refer(h, tx, null, row.id());
    }

    private TopupOutcome outcome(Handle h, Row row) {
        return switch (row.state()) {
            case SUCCEEDED -> new TopupOutcome.Succeeded(view(h, row));
            case DECLINED -> new TopupOutcome.Declined((row.failure() == null ? "Your card was declined."
                    : row.failure()) + " Nothing was charged.");
            case CHARGING, QUEUED, PENDING -> new TopupOutcome.GoingOn(view(h, row));
        };
    }

    private Topup view(Handle h, Row row) {
        long balance = Ledger.balance(h, Accounts.balance(row.accountId()));
        String notice = switch (row.state()) {
            case QUEUED, CHARGING -> "We cannot reach the payment service right now. Your top-up of "
                    + Money.ofMicros(row.amount()).format() + " is queued and goes through by itself; nothing has "
                    + "been charged yet.";
            case PENDING -> row.checkoutUrl() != null
                    ? "Finish paying on Stripe's page in your browser; the money arrives as soon as Stripe confirms "
                    + "it."
                    : "Your bank is confirming the payment; the money arrives when it does.";
            case SUCCEEDED, DECLINED -> testMode(row.provider()) ? TestCardProvider.NOTICE : null;
        };
        TopupState shown = row.state() == TopupState.CHARGING ? TopupState.QUEUED : row.state();
        return new Topup(row.id(), shown.name(), row.amount(), row.label(), row.provider(), testMode(row.provider()),
                row.failure(), notice, balance, Instant.ofEpochMilli(row.createdAt()),
                row.state() == TopupState.PENDING ? row.checkoutUrl() : null);
    }

    private boolean testMode(String provider) {
        return providers.stream().filter(g -> g.provider().name().equals(provider)).findFirst()
                .map(g -> g.provider().testMode()).orElse(false);
    }

    private Row load(String id) {
        return jdbi.withHandle(h -> topups.find(h, id)).orElseThrow();
    }
}
