package dance.normal.protocol.library;

import java.util.List;

/** What a playlist should be: its name and its tracks in order (a track may appear more than once). */
public record PlaylistDraft(String name, List<String> trackIds) {
}
