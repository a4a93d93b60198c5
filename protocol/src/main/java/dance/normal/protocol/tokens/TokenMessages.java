package dance.normal.protocol.tokens;

import dance.normal.protocol.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The texts a wallet signs to authorise moving money or tokens. Client and server build them from the same facts,
 * so the server can check a signature without trusting the client's wording, and the wallet can show the words.
 * They are signed as Solana off-chain messages under {@link #applicationDomain()}.
 */
public final class TokenMessages {

    private static final byte[] APPLICATION_DOMAIN = sha256("normal.dance");

    private TokenMessages() {
    }

    /** The off-chain message application domain (32 bytes, a copy): SHA-256 of "normal.dance". */
    public static byte[] applicationDomain() {
        return APPLICATION_DOMAIN.clone();
    }

    /** What the buyer's wallet signs for a quote. */
    public static String purchase(String quoteId, String trackId, String trackTitle, String artistName, long quantity,
                                  long totalMicros, String wallet, Instant expiresAt) {
        return "Normal Dance purchase\n"
                + "Buy " + quantity + (quantity == 1 ? " token" : " tokens") + " of \"" + trackTitle + "\" by "
                + artistName + "\n"
                + "Pay " + Money.ofMicros(totalMicros).format() + " from my Normal Dance balance\n"
                + "Track: " + trackId + "\n"
                + "Quote: " + quoteId + "\n"
                + "Wallet: " + wallet + "\n"
                + "Valid until: " + expiresAt;
    }

    /** What the holder's wallet signs to withdraw earnings to itself. */
    public static String withdrawal(String idempotencyKey, long amountMicros, String wallet) {
        return "Normal Dance withdrawal\n"
                + "Pay " + Money.ofMicros(amountMicros).format() + " of my earnings to this wallet\n"
                + "Wallet: " + wallet + "\n"
                + "Request: " + idempotencyKey;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
