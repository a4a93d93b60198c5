package dance.normal.protocol.studio;

import java.util.List;

/**
 * Makes a release ({@code POST /api/v1/studio/releases}) or changes one ({@code PATCH /api/v1/studio/releases/{id}}).
 * On a change, null fields stay as they are.
 *
 * @param trackIds the release's tracks in order (numbered 1, 2, ... in this order); every one must be the artist's
 */
public record ReleaseRequest(String title, Integer year, List<String> trackIds) {
}
