package dance.normal.server.payments;

import dance.normal.protocol.Money;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.tokens.Topup;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.ApiException;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.Posting;
import dance.normal.server.tokens.Accounts;
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
    private final List<Guarded> providers;
    private final Clock clock;

    private record Guarded(PaymentProvider provider, CircuitBreaker breaker) {
    }

    /** A top-up and the HTTP status it answers with. */
    public record Answer(int status, Topup topup) {
    }

    private record Row(String id, String accountId, String key, long amount, String method, String label,
                       String state, String provider, String failure, long createdAt, int attempts,
                       String providerRef, String checkoutUrl, long updatedAt) {
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

    public Answer topup(Principal principal, String key, TopupRequest request) {
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
        Optional<Row> earlier = byKey(principal.accountId(), key);
        if (earlier.isPresent()) {
            Row row = earlier.get();
            if (row.amount() != amount || !row.method().equals(method)) {
                throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, 422,
                        "This Idempotency-Key was used for a different top-up; use a new key.");
            }
            return answer(row);
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO topups (id, account_id, idempotency_key, amount_micros, "
                            + "method_token, method_label, state, created_at, updated_at) "
                            + "VALUES (:id, :a, :k, :m, :t, :l, 'CHARGING', :now, :now)")
                    .bind("id", id).bind("a", principal.accountId()).bind("k", key).bind("m", amount)
                    .bind("t", method).bind("l", PaymentMethods.label(method)).bind("now", now).execute());
        } catch (RuntimeException e) {
            return byKey(principal.accountId(), key).map(this::answer).orElseThrow(() -> e);
        }
        attempt(load(id).orElseThrow());
        return answer(load(id).orElseThrow());
    }

    /**
     * Tries queued top-ups whose backoff has passed (and ones a crash left charging) again; returns how many
     * succeeded. One run at a time in this process, so a test that triggers it waits for the scheduled run.
     */
    public synchronized int retryQueued() {
        long now = clock.millis();
        long stale = now - STALE_CHARGE.toMillis();
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM topups WHERE (state = 'QUEUED' "
                + "AND next_attempt_at <= :now) OR (state = 'CHARGING' AND updated_at < :stale) ORDER BY created_at")
                .bind("now", now).bind("stale", stale).mapTo(String.class).list());
        int succeeded = 0;
        for (String id : ids) {
            boolean claimed = jdbi.withHandle(h -> h.createUpdate("UPDATE topups SET state = 'CHARGING', "
                    + "updated_at = :now WHERE id = :id AND ((state = 'QUEUED' AND next_attempt_at <= :now) "
                    + "OR (state = 'CHARGING' AND updated_at < :stale))").bind("now", now).bind("id", id)
                    .bind("stale", stale).execute() == 1);
            if (claimed) {
                attempt(load(id).orElseThrow());
                if (load(id).orElseThrow().state().equals("SUCCEEDED")) {
                    succeeded++;
                }
            }
        }
        return succeeded;
    }

    public Optional<Topup> find(Principal principal, String id) {
        return load(id).filter(r -> r.accountId().equals(principal.accountId())).map(this::view);
    }

    /**
     * A provider's webhook said how a pending charge ended: settled on the caller's transaction, so the event is
     * recorded as handled only if the settling commits with it. Safe to call twice.
     */
    public void settle(Handle h, String topupId, String provider, PaymentProvider.Charge outcome) {
        Optional<Row> row = load(h, topupId);
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
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("SELECT id FROM topups WHERE state = 'PENDING' "
                        + "AND provider_ref IS NOT NULL AND updated_at < :due ORDER BY created_at")
                .bind("due", now - RECONCILE_AFTER.toMillis()).mapTo(String.class).list())
                .stream().map(id -> load(id).orElseThrow()).toList();
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
                jdbi.useHandle(h -> h.createUpdate("UPDATE topups SET updated_at = :now WHERE id = :id "
                        + "AND state = 'PENDING'").bind("now", clock.millis()).bind("id", row.id()).execute());
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
                g.breaker().succeeded();
            } catch (ProviderUnavailableException e) {
                g.breaker().failed();
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
        jdbi.useHandle(h -> h.createUpdate("UPDATE topups SET state = 'QUEUED', attempts = attempts + 1, "
                        + "next_attempt_at = :next, updated_at = :now WHERE id = :id AND state = 'CHARGING'")
                .bind("now", now).bind("next", now + backoff(row.attempts() + 1).toMillis()).bind("id", row.id())
                .execute());
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
        String to = charge.status().name();
        int moved = h.createUpdate("UPDATE topups SET state = :to, provider = :p, provider_ref = :ref, "
                        + "failure = :f, checkout_url = COALESCE(:url, checkout_url), updated_at = :now WHERE id = :id "
                        + "AND state IN ('CHARGING', 'QUEUED', 'PENDING') AND state <> :to")
                .bind("to", to).bind("p", provider).bind("ref", charge.reference()).bind("f", charge.failure())
                .bind("url", charge.redirectUrl()).bind("now", clock.millis()).bind("id", row.id()).execute();
        if (moved == 1 && charge.status() == PaymentProvider.Status.SUCCEEDED) {
            credit(h, row, provider);
        }
    }

    private void credit(Handle h, Row row, String provider) {
        LedgerTransaction tx = ledger.append(h, "topup", "Added " + Money.ofMicros(row.amount()).format() + " with "
                + row.label() + " (top-up " + row.id() + ")",
                List.of(new Posting(Accounts.payments(provider), -row.amount()),
                        new Posting(Accounts.balance(row.accountId()), row.amount())));
        h.createUpdate("INSERT INTO ledger_refs (tx_seq, track_id, ref_id) VALUES (:s, NULL, :r)")
                .bind("s", tx.seq()).bind("r", row.id()).execute();
    }

    private Answer answer(Row row) {
        return switch (row.state()) {
            case "SUCCEEDED" -> new Answer(201, view(row));
            case "DECLINED" -> throw new ApiException(ProblemType.PAYMENT_DECLINED, 402,
                    (row.failure() == null ? "Your card was declined." : row.failure()) + " Nothing was charged.");
            default -> new Answer(202, view(row));
        };
    }

    private Topup view(Row row) {
        long balance = ledger.balance(Accounts.balance(row.accountId()));
        String notice = switch (row.state()) {
            case "QUEUED", "CHARGING" -> "We cannot reach the payment service right now. Your top-up of "
                    + Money.ofMicros(row.amount()).format() + " is queued and goes through by itself; nothing has "
                    + "been charged yet.";
            case "PENDING" -> row.checkoutUrl() != null
                    ? "Finish paying on Stripe's page in your browser; the money arrives as soon as Stripe confirms "
                    + "it."
                    : "Your bank is confirming the payment; the money arrives when it does.";
            default -> testMode(row.provider()) ? TestCardProvider.NOTICE : null;
        };
        return new Topup(row.id(), row.state().equals("CHARGING") ? "QUEUED" : row.state(), row.amount(),
                row.label(), row.provider(), testMode(row.provider()), row.failure(), notice, balance,
                Instant.ofEpochMilli(row.createdAt()), row.state().equals("PENDING") ? row.checkoutUrl() : null);
    }

    private boolean testMode(String provider) {
        return providers.stream().filter(g -> g.provider().name().equals(provider)).findFirst()
                .map(g -> g.provider().testMode()).orElse(false);
    }

    private Optional<Row> byKey(String accountId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM topups WHERE account_id = :a "
                        + "AND idempotency_key = :k").bind("a", accountId).bind("k", key).mapTo(String.class)
                .findOne()).flatMap(this::load);
    }

    private Optional<Row> load(String id) {
        return jdbi.withHandle(h -> load(h, id));
    }

    private static Optional<Row> load(Handle h, String id) {
        return h.createQuery("SELECT * FROM topups WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("account_id"),
                        rs.getString("idempotency_key"), rs.getLong("amount_micros"), rs.getString("method_token"),
                        rs.getString("method_label"), rs.getString("state"), rs.getString("provider"),
                        rs.getString("failure"), rs.getLong("created_at"), rs.getInt("attempts"),
                        rs.getString("provider_ref"), rs.getString("checkout_url"), rs.getLong("updated_at")))
                .findOne();
    }
}
