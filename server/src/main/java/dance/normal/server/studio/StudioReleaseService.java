package dance.normal.server.studio;

import static dance.normal.server.studio.StudioTrackService.artistId;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioReleases;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The Studio's releases: list, make, change (title, year, track order), cover, and publish or unpublish every track
 * of one at once; one transaction per use case. Only the signed-in artist's own releases and tracks are reached;
 * another artist's release answers 404 (docs/studio.md).
 *
 * <p>Track order: the tracks a request lists move onto the release (from another of the artist's releases, if they
 * were there) and are numbered 1 to n in that order; the release's other tracks follow, n+1 onwards, in their order.
 */
public final class StudioReleaseService {

    private static final int MAX_TRACKS = 500;

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final StudioRepository studio = new StudioRepository();
    private final Clock clock;
    private final Consumer<String> awaitAnalysis;

    /** @param awaitAnalysis as {@link StudioTrackService}'s: publishing waits for analyses under way */
    public StudioReleaseService(Jdbi jdbi, CatalogRepository catalog, Clock clock, Consumer<String> awaitAnalysis) {
        this.awaitAnalysis = awaitAnalysis;
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The artist's releases, newest first, drafts included. */
    public StudioReleases releases(Principal principal) {
        return jdbi.withHandle(h -> new StudioReleases(studio.releases(h, artistId(h, catalog, principal))));
    }

    /** Makes a release; 422 naming the field that is not valid, 409 when the artist has one with this title. */
    public StudioRelease create(Principal principal, ReleaseRequest request) {
        if (request == null || request.title() == null) {
            throw ApiException.validation("title is required.");
        }
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            String title = StudioTrackService.text(request.title(), "title", 1, 300);
            Integer year = request.year() == null ? null : StudioTrackService.range(request.year(), "year", 1900,
                    2100);
            List<String> order = request.trackIds() == null ? List.of() : ownTracks(h, artist, request.trackIds());
            refuseTakenTitle(h, artist, title, null);
            String id = studio.createRelease(h, artist, title, year, clock.millis());
            reorder(h, artist, id, order);
            return studio.release(h, artist, id).orElseThrow();
        });
    }

    /** Changes a release's title, year or track order (null fields stay). */
    public StudioRelease edit(Principal principal, String releaseId, ReleaseRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send the changes as JSON.");
        }
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            StudioRelease current = ownRelease(h, artist, releaseId);
            String title = request.title() == null ? current.title()
                    : StudioTrackService.text(request.title(), "title", 1, 300);
            Integer year = request.year() == null ? current.year()
                    : StudioTrackService.range(request.year(), "year", 1900, 2100);
            List<String> order = request.trackIds() == null ? null : ownTracks(h, artist, request.trackIds());
            refuseTakenTitle(h, artist, title, releaseId);
            if (order != null) {
                reorder(h, artist, releaseId, order);
            }
            CatalogFollow follow = new CatalogFollow(catalog).release(h, releaseId);
            studio.release(h, artist, releaseId).orElseThrow().trackIds().forEach(t -> follow.track(h, t));
            studio.updateRelease(h, releaseId, title, year, clock.millis());
            follow.apply(h);
            return studio.release(h, artist, releaseId).orElseThrow();
        });
    }

    /** Sets a release's cover, an image already stored under {@code sha256}. */
    public StudioRelease cover(Principal principal, String releaseId, String sha256) {
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            StudioRelease current = ownRelease(h, artist, releaseId);
            CatalogFollow follow = new CatalogFollow(catalog).release(h, releaseId);
            current.trackIds().forEach(t -> follow.track(h, t));
            studio.setCover(h, releaseId, sha256, clock.millis());
            follow.apply(h);
            return studio.release(h, artist, releaseId).orElseThrow();
        });
    }

    /** 404 unless the release is the artist's: checked before an upload's body is read. */
    public void requireOwn(Principal principal, String releaseId) {
        jdbi.useHandle(h -> ownRelease(h, artistId(h, catalog, principal), releaseId));
    }

    /** Publishes every draft of the release at once. */
    public StudioRelease publish(Principal principal, String releaseId) {
        return setPublished(principal, releaseId, true);
    }

    /** Takes every track of the release back to drafts at once; 409 when one of them has a token offering. */
    public StudioRelease unpublish(Principal principal, String releaseId) {
        return setPublished(principal, releaseId, false);
    }

    private StudioRelease setPublished(Principal principal, String releaseId, boolean publish) {
        if (publish) {
            jdbi.withHandle(h -> ownRelease(h, artistId(h, catalog, principal), releaseId)).trackIds()
                    .forEach(awaitAnalysis);
        }
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            StudioRelease current = ownRelease(h, artist, releaseId);
            List<String> tracks = current.trackIds();
            if (!publish) {
                StudioTrackService.refuseWithOffering(h, studio, tracks);
            } else {
                StudioTrackService.refuseBeingChecked(h, studio,
                        tracks.stream().filter(t -> !catalog.isPublished(h, t)).toList());
            }
            CatalogFollow follow = new CatalogFollow(catalog).release(h, releaseId);
            tracks.forEach(t -> follow.track(h, t));
            long now = clock.millis();
            for (String t : tracks) {
                boolean published = catalog.isPublished(h, t);
                if (publish && !published) {
                    studio.setPublished(h, t, now, now);
                } else if (!publish && published) {
                    studio.setPublished(h, t, null, now);
                }
            }
            follow.apply(h);
            return studio.release(h, artist, releaseId).orElseThrow();
        });
    }

    /** Moves {@code order} onto the release as tracks 1..n; its other tracks follow. Listeners' view follows. */
    private void reorder(Handle h, String artist, String releaseId, List<String> order) {
        List<String> others = new ArrayList<>(studio.release(h, artist, releaseId).orElseThrow().trackIds());
        others.removeAll(order);
        CatalogFollow follow = new CatalogFollow(catalog).release(h, releaseId);
        for (String t : order) {
            follow.release(h, studio.releaseOf(h, artist, t).orElseThrow()).track(h, t);
        }
        others.forEach(t -> follow.track(h, t));
        long now = clock.millis();
        int number = 1;
        for (String t : order) {
            studio.placeTrack(h, t, releaseId, number++, now);
        }
        for (String t : others) {
            studio.placeTrack(h, t, releaseId, number++, now);
        }
        follow.apply(h);
    }

    private List<String> ownTracks(Handle h, String artist, List<String> trackIds) {
        if (trackIds.size() > MAX_TRACKS) {
            throw ApiException.validation("trackIds may name at most " + MAX_TRACKS + " tracks.");
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < trackIds.size(); i++) {
            String raw = trackIds.get(i);
            String id = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (!StudioTrackService.isUuid(id) || studio.releaseOf(h, artist, id).isEmpty()) {
                throw ApiException.validation("trackIds names a track that is not one of yours (at index " + i
                        + ").");
            }
            if (!seen.add(id)) {
                throw ApiException.validation("trackIds names a track twice (again at index " + i + ").");
            }
            ids.add(id);
        }
        return ids;
    }

    private void refuseTakenTitle(Handle h, String artist, String title, String releaseId) {
        studio.releaseIdByTitle(h, artist, title).filter(id -> !id.equals(releaseId)).ifPresent(id -> {
            throw ApiException.conflict(ProblemType.CONFLICT, "You already have a release called \"" + title
                    + "\"; choose another title.");
        });
    }

    private StudioRelease ownRelease(Handle h, String artist, String releaseId) {
        return studio.release(h, artist, releaseId)
                .orElseThrow(() -> ApiException.notFound("There is no such release."));
    }
}
