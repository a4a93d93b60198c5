package dance.normal.protocol.tokens;

import java.time.Instant;

/**
 * A track's token offering as a listener sees it.
 *
 * @param available   tokens still for sale (supply less sold and less those held for purchases under way)
 * @param chain       where tokens live: {@code ledger} (the server's ledger) or {@code solana}
 * @param mint        the SPL mint's address in Solana mode; null in ledger mode
 */
public record Offering(String trackId, String artistId, long supply, long priceMicros, int holderShareBp,
                       Long capPerBuyer, long sold, long available, String chain, String mint, String treasury,
                       Instant createdAt) {
}
