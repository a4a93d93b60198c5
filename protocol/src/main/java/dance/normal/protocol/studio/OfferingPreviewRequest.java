package dance.normal.protocol.studio;

/**
 * An offering the artist is thinking of opening ({@code POST /api/v1/studio/offerings/preview}), with the same
 * fields and limits as {@link dance.normal.protocol.tokens.OfferingRequest}, and how many tokens one fan buys.
 */
public record OfferingPreviewRequest(long supply, long priceMicros, int holderShareBp, Long capPerBuyer,
                                     long tokens) {
}
