package dance.normal.protocol.tokens;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Pays earnings out to a wallet; sent with an {@code Idempotency-Key} header.
 *
 * @param wallet    the wallet to pay (one of the account's registered devices)
 * @param signature base58 of that wallet's signature over {@link TokenMessages#withdrawal}'s text
 * @param from      which of the caller's accounts pays: {@link #FROM_EARNINGS} (a holder's earnings from tokens; also
 *                  when null) or {@link #FROM_ARTIST} (what the caller's artist earned from sales and plays)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WithdrawalRequest(long amountMicros, String wallet, String signature, String from) {

    public static final String FROM_EARNINGS = "earnings";
    public static final String FROM_ARTIST = "artist";

    /** A withdrawal of the holder's earnings, as clients before issue 16 send it. */
    public WithdrawalRequest(long amountMicros, String wallet, String signature) {
        this(amountMicros, wallet, signature, null);
    }
}
