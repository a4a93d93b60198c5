package dance.normal.protocol.tokens;

/**
 * An artist opening an offering for one of their tracks.
 *
 * @param supply        whole tokens minted to the track's treasury (1 to 1,000,000)
 * @param priceMicros   price per token in micro-dollars
 * @param holderShareBp the part of the track's artist-side play revenue that goes to holders, in basis points
 *                      (0 to 5,000 = 0% to 50%)
 * @param capPerBuyer   the most tokens one listener may buy; null for no cap
 */
public record OfferingRequest(String trackId, long supply, long priceMicros, int holderShareBp, Long capPerBuyer) {
}
