package dance.normal.protocol.library;

import java.util.List;

/** The tracks a listener likes, newest first. */
public record Likes(List<String> trackIds) {

    public Likes {
        trackIds = List.copyOf(trackIds);
    }
}
