package dance.normal.protocol.tokens;

/**
 * Asks what buying tokens would cost.
 *
 * @param wallet the buying wallet's address (one of the account's registered devices); null for the most recently
 *               registered one
 */
public record QuoteRequest(String trackId, long quantity, String wallet) {
}
