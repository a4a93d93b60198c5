package dance.normal.protocol.studio;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One of the signed-in artist's tracks as the Studio shows it ({@code GET /api/v1/studio/tracks}).
 *
 * @param uploadId       the tus upload it came from ({@code /api/v1/uploads/{uploadId}}); null for a track sent with
 *                       {@code POST /api/v1/tracks} or seeded
 * @param previewStartMs where the 30-second preview starts, as the artist set it or as suggested
 * @param hasOffering    whether the track has a token offering
 * @param publishedAt    when it was last published; null for a draft
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudioTrack(String id, String uploadId, TrackStatus status, String title, String releaseId,
                          String releaseTitle, Integer trackNumber, String genre, Integer year, long durationMs,
                          String format, String artworkUrl, long previewStartMs, boolean hasOffering,
                          Instant createdAt, Instant publishedAt) {
}
