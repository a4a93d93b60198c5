package dance.normal.protocol.tokens;

import java.time.Instant;

/**
 * What a purchase will cost, held until {@code expiresAt}, and the exact message the wallet signs to authorise it.
 *
 * @param priceMicros     quantity times the unit price: what the buyer pays ({@code totalMicros})
 * @param feeMicros       the platform's 10% of the price (included in it)
 * @param artistMicros    the artist's 90% of the price (included in it)
 * @param revenueSharePpm the part of the track's play revenue these tokens earn, in parts per million
 * @param text            the message in words, as the wallet shows it
 * @param message         base64 of the Solana off-chain message (text under {@link TokenMessages#applicationDomain()}
 *                        with {@code wallet} as its signer): the bytes the wallet signs
 */
public record Quote(String id, String trackId, long quantity, long unitPriceMicros, long priceMicros, long feeMicros,
                    long artistMicros, long totalMicros, long revenueSharePpm, String wallet, String text,
                    String message, Instant expiresAt) {
}
