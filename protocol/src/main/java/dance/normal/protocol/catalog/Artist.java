package dance.normal.protocol.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An artist's public profile. {@code releases} is filled on the artist's own page, null elsewhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Artist(String id, String name, String bio, String pictureUrl, List<Release> releases) {
}
