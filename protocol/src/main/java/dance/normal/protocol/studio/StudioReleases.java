package dance.normal.protocol.studio;

import java.util.List;

/** The signed-in artist's releases, newest first. */
public record StudioReleases(List<StudioRelease> releases) {

    public StudioReleases {
        releases = List.copyOf(releases);
    }
}
