package dance.normal.protocol.studio;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One of the artist's releases ({@code GET /api/v1/studio/releases}).
 *
 * @param trackIds  its tracks in their order on the release, drafts included
 * @param published how many of them are published
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudioRelease(String id, String title, Integer year, String artworkUrl, List<String> trackIds,
                            int published) {

    public StudioRelease {
        trackIds = List.copyOf(trackIds);
    }
}
