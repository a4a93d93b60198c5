package dance.normal.protocol.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A track of the catalog. {@code loudnessLufs} (EBU R128 integrated) is null when it could not be measured;
 * {@code peakDbfs} is the sample peak of the decoded audio in dBFS (the highest sample of any channel), null when it
 * was not measured (tracks uploaded before it was, digital silence, a server without ffmpeg); together they let a
 * player raise a quiet track only as far as it does not clip. {@code sha256} lets a client verify a downloaded file
 * before playing it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Track(String id, String title, String artistId, String artistName, String releaseId,
                    String releaseTitle, Integer trackNumber, String genre, long durationMs, String format,
                    String mimeType, int bitrateKbps, long sizeBytes, String sha256, Double loudnessLufs,
                    Double peakDbfs, String artworkUrl) {
}
