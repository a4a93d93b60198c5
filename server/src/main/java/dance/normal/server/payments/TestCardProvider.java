package dance.normal.server.payments;

import java.util.Set;

/**
 * The embedded default: behaves like Stripe's test mode (4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is
 * declined) and moves no real money. NOT FOR PRODUCTION: the server says so when it starts with it.
 */
public final class TestCardProvider implements PaymentProvider {

    public static final String NOTICE = "Test payments: no real money moves. Not for production.";
    private static final Set<String> KNOWN = Set.of("pm_card_visa", "pm_card_chargeDeclined");

    @Override
    public String name() {
        return "test-card";
    }

    @Override
    public boolean testMode() {
        return true;
    }

    @Override
    public boolean accepts(String method) {
        return KNOWN.contains(method);
    }

    @Override
    public Charge charge(String idempotencyKey, long amountMicros, String method, String topupId) {
        if (method.equals("pm_card_chargeDeclined")) {
            return new Charge(Status.DECLINED, null, "Your card was declined.");
        }
        return new Charge(Status.SUCCEEDED, "test_" + idempotencyKey, null);
    }
}
