package dance.normal.server.studio;

import dance.normal.server.catalog.CatalogRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Keeps what listeners see (search and the change feed) in step with a Studio change, inside its transaction
 * (decision 0039). A use case names the tracks and releases it is about to touch ({@link #track}, {@link #release}),
 * which records whether listeners saw each one before; after its writes, {@link #apply} tells listeners' mirrors
 * what changed for them, in an order a mirror can follow: releases that are (still or newly) visible first, then
 * tracks published or changed, then tracks gone, then releases gone. A draft before and after makes no change.
 */
final class CatalogFollow {

    private final CatalogRepository catalog;
    private final Map<String, Boolean> tracksBefore = new LinkedHashMap<>();
    private final Map<String, Boolean> releasesBefore = new LinkedHashMap<>();

    CatalogFollow(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    /** A track the use case may change; call before writing. */
    CatalogFollow track(Handle h, String trackId) {
        tracksBefore.computeIfAbsent(trackId, id -> catalog.isPublished(h, id));
        return this;
    }

    /** A release the use case may change, or whose tracks it may change; call before writing. */
    CatalogFollow release(Handle h, String releaseId) {
        releasesBefore.computeIfAbsent(releaseId, id -> catalog.releaseVisible(h, id));
        return this;
    }

    /** After the writes: the change feed and search follow. */
    void apply(Handle h) {
        Map<String, Boolean> releasesAfter = new LinkedHashMap<>();
        releasesBefore.keySet().forEach(id -> releasesAfter.put(id, catalog.releaseVisible(h, id)));
        releasesAfter.forEach((id, visible) -> {
            if (visible) {
                catalog.recordRelease(h, id);
            }
        });
        tracksBefore.forEach((id, was) -> {
            boolean now = catalog.isPublished(h, id);
            if (now) {
                catalog.announceTrack(h, id);
            } else if (was) {
                catalog.withdrawTrack(h, id);
            }
        });
        releasesAfter.forEach((id, visible) -> {
            if (!visible && releasesBefore.get(id)) {
                catalog.withdrawRelease(h, id);
            }
        });
    }
}
