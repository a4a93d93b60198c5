package dance.normal.server.catalog;

/** A track about to enter the catalog, its file already stored under {@code sha256}. */
public record NewTrack(String artistId, String releaseTitle, Integer releaseYear, String artworkSha256, String title,
                       Integer trackNumber, String genre, long durationMs, String format, String mimeType,
                       int bitrateKbps, long sizeBytes, String sha256, Double loudnessLufs,
                       Double peakDbfs) {
}
