package dance.normal.protocol.tokens;

/**
 * Buys what a quote describes; sent with an {@code Idempotency-Key} header.
 *
 * @param signature base58 of the wallet's Ed25519 signature over the quote's {@code message}
 */
public record PurchaseRequest(String quoteId, String signature) {
}
