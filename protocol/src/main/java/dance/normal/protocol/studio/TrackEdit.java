package dance.normal.protocol.studio;

/**
 * Changes to one of the artist's tracks ({@code PATCH /api/v1/studio/tracks/{id}}). Null fields stay as they are.
 *
 * @param releaseId      move the track to another of the artist's releases
 * @param previewStartMs where the 30-second preview starts (0 to the duration less 30 s)
 */
public record TrackEdit(String title, String releaseId, Integer trackNumber, String genre, Integer year,
                        Long previewStartMs) {
}
