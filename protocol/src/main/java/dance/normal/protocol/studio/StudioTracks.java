package dance.normal.protocol.studio;

import java.util.List;

/** The signed-in artist's tracks, drafts and published, newest first. */
public record StudioTracks(List<StudioTrack> tracks) {

    public StudioTracks {
        tracks = List.copyOf(tracks);
    }
}
