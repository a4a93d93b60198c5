package dance.normal.protocol.tokens;

/**
 * Adds money to the balance; sent with an {@code Idempotency-Key} header.
 *
 * @param amountMicros  micro-dollars to add ($1 to $1,000)
 * @param paymentMethod a payment method token from the provider (Stripe's {@code pm_...}); with the test-card
 *                      provider also a test card number such as {@code 4242 4242 4242 4242}; or
 *                      {@code "checkout"}: the answer (202, PENDING) carries the address of Stripe's hosted payment
 *                      page ({@link Topup#checkoutUrl()}), where the listener pays with any card
 */
public record TopupRequest(long amountMicros, String paymentMethod) {
}
