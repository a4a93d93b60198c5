package dance.normal.protocol.tokens;

/**
 * Pays earnings out to a wallet; sent with an {@code Idempotency-Key} header.
 *
 * @param wallet    the wallet to pay (one of the account's registered devices)
 * @param signature base58 of that wallet's signature over {@link TokenMessages#withdrawal}'s text
 */
public record WithdrawalRequest(long amountMicros, String wallet, String signature) {
}
