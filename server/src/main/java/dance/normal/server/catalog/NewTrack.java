package dance.normal.server.catalog;

/**
 * A track about to enter the catalog, its file already stored under {@code sha256}.
 *
 * @param uploadId the tus upload it came from, or null (a multipart upload, a seeded track)
 * @param draft    whether it enters as a draft that only its artist sees (decision 0039) rather than published
 */
public record NewTrack(String artistId, String releaseTitle, Integer releaseYear, String artworkSha256, String title,
                       Integer trackNumber, String genre, long durationMs, String format, String mimeType,
                       int bitrateKbps, long sizeBytes, String sha256, Double loudnessLufs,
                       Double peakDbfs, String uploadId, boolean draft) {

    /** A track published at once, as {@code POST /api/v1/tracks} and the demo seeder make them. */
    public NewTrack(String artistId, String releaseTitle, Integer releaseYear, String artworkSha256, String title,
                    Integer trackNumber, String genre, long durationMs, String format, String mimeType,
                    int bitrateKbps, long sizeBytes, String sha256, Double loudnessLufs, Double peakDbfs) {
        this(artistId, releaseTitle, releaseYear, artworkSha256, title, trackNumber, genre, durationMs, format,
                mimeType, bitrateKbps, sizeBytes, sha256, loudnessLufs, peakDbfs, null, false);
    }

    /** The same track as a draft that came from the tus upload {@code uploadId}. */
    public NewTrack asDraft(String uploadId) {
        return new NewTrack(artistId, releaseTitle, releaseYear, artworkSha256, title, trackNumber, genre, durationMs,
                format, mimeType, bitrateKbps, sizeBytes, sha256, loudnessLufs, peakDbfs, uploadId, true);
    }
}
