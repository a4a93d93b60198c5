package dance.normal.protocol.tokens;

/**
 * What one track earned someone.
 *
 * @param salesMicros from primary token sales (artists only)
 * @param playsMicros from settled plays
 */
public record TrackEarnings(String trackId, String trackTitle, long salesMicros, long playsMicros) {
}
