package dance.normal.protocol.tokens;

/**
 * Tokens of one track that a listener holds.
 *
 * @param earnedMicros what these tokens have earned from plays so far
 */
public record Holding(String trackId, String trackTitle, String artistName, long quantity, long supply,
                      int holderShareBp, long earnedMicros) {
}
