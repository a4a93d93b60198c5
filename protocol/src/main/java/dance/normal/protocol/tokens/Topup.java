package dance.normal.protocol.tokens;

import java.time.Instant;

/**
 * A top-up and where it stands.
 *
 * @param state         SUCCEEDED, DECLINED, PENDING (the provider has not answered yet) or QUEUED (no provider is
 *                      reachable; it is tried again by itself)
 * @param method        the payment method in words, e.g. "card ending 4242"
 * @param testMode      true when no real money moves (the test-card provider)
 * @param notice        a sentence for the listener, e.g. that payments are queued or that this is test mode
 * @param balanceMicros the balance after this top-up (or now, when it has not succeeded)
 * @param checkoutUrl   while a top-up paid on Stripe's hosted page (Checkout) is PENDING, that page's address, for
 *                      the listener's browser; otherwise null. Poll {@code GET /api/v1/me/topups/{id}} to follow it
 */
public record Topup(String id, String state, long amountMicros, String method, String provider, boolean testMode,
                    String failure, String notice, long balanceMicros, Instant createdAt, String checkoutUrl) {

    /** The value of {@code paymentMethod} that asks for Stripe's hosted payment page instead of a card token. */
    public static final String CHECKOUT = "checkout";

    /** Whether this top-up has ended (SUCCEEDED or DECLINED); QUEUED and PENDING go on by themselves. */
    public boolean done() {
        return state.equals("SUCCEEDED") || state.equals("DECLINED");
    }
}
