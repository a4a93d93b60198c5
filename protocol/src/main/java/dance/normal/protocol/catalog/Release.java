package dance.normal.protocol.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An album, EP or single. {@code tracks} is filled on the release's own page, null elsewhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Release(String id, String title, String artistId, String artistName, Integer year, String artworkUrl,
                      List<Track> tracks) {
}
