package dance.normal.server.studio;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.PlainText;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The Studio's tracks: list, edit, publish and unpublish, one transaction per use case. Only the signed-in artist's
 * own tracks are reached; another artist's id answers 404, as if it did not exist (docs/studio.md).
 */
public final class StudioTrackService {

    /** A preview lasts this long, so it starts no later than this before the end. */
    static final long PREVIEW_MS = 30_000;

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final StudioRepository studio = new StudioRepository();
    private final Clock clock;
    private final Consumer<String> awaitAnalysis;

    /**
     * @param awaitAnalysis waits (bounded) for a track's quality analysis if one is under way in this process, so
     *                      that publishing right after an upload does not fail for a measurement seconds away
     */
    public StudioTrackService(Jdbi jdbi, CatalogRepository catalog, Clock clock, Consumer<String> awaitAnalysis) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
        this.awaitAnalysis = awaitAnalysis;
    }

    /** The artist's tracks, drafts and published, newest first. */
    public StudioTracks tracks(Principal principal) {
        return jdbi.withHandle(h -> new StudioTracks(studio.tracks(h, artistId(h, catalog, principal))));
    }

    /** Changes a track's fields (null ones stay); 422 naming the field that is not valid. */
    public StudioTrack edit(Principal principal, String trackId, TrackEdit edit) {
        if (edit == null) {
            throw ApiException.badRequest("Send the changes as JSON.");
        }
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            StudioTrack current = ownTrack(h, artist, trackId);
            String title = edit.title() == null ? current.title() : text(edit.title(), "title", 1, 300);
            String releaseId = current.releaseId();
            if (edit.releaseId() != null) {
                releaseId = ownReleaseField(h, artist, edit.releaseId(), "releaseId");
            }
            Integer number = edit.trackNumber() == null ? current.trackNumber()
                    : range(edit.trackNumber(), "trackNumber", 1, 999);
            String genre = edit.genre() == null ? current.genre() : blankToNull(text(edit.genre(), "genre", 0, 100));
            Integer year = edit.year() == null ? studio.ownYear(h, trackId).orElse(null)
                    : range(edit.year(), "year", 1900, 2100);
            Long preview = studio.ownPreviewStart(h, trackId).orElse(null);
            if (edit.previewStartMs() != null) {
                long latest = Math.max(0, current.durationMs() - PREVIEW_MS);
                if (edit.previewStartMs() < 0 || edit.previewStartMs() > latest) {
                    throw ApiException.validation("previewStartMs must be from 0 to " + latest
                            + " (the track's length less 30 seconds).");
                }
                preview = edit.previewStartMs();
            }
            CatalogFollow follow = new CatalogFollow(catalog).track(h, trackId);
            if (!releaseId.equals(current.releaseId())) {
                follow.release(h, current.releaseId()).release(h, releaseId);
            }
            studio.updateTrack(h, trackId, new StudioRepository.TrackFields(title, releaseId, number, genre, year,
                    preview), clock.millis());
            follow.apply(h);
            return studio.track(h, artist, trackId).orElseThrow();
        });
    }

    /**
     * Puts a draft in the catalog (publishing a published track changes nothing); 409 {@code being-checked} while its
     * quality report is not ready (its loudness is measured after the upload, decision 0038).
     */
    public StudioTrack publish(Principal principal, String trackId) {
        awaitAnalysis.accept(trackId);
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            StudioTrack current = ownTrack(h, artist, trackId);
            if (current.publishedAt() == null) {
                refuseBeingChecked(h, studio, List.of(trackId));
                CatalogFollow follow = new CatalogFollow(catalog).release(h, current.releaseId()).track(h, trackId);
                long now = clock.millis();
                studio.setPublished(h, trackId, now, now);
                follow.apply(h);
            }
            return studio.track(h, artist, trackId).orElseThrow();
        });
    }

    /**
     * Takes a track out of the catalog back to drafts; 409 when it has a token offering, whose holders own a share of
     * its earnings.
     */
    public StudioTrack unpublish(Principal principal, String trackId) {
        return jdbi.inTransaction(h -> {
            String artist = artistId(h, catalog, principal);
            StudioTrack current = ownTrack(h, artist, trackId);
            if (current.publishedAt() != null) {
                refuseWithOffering(h, studio, List.of(trackId));
                CatalogFollow follow = new CatalogFollow(catalog).release(h, current.releaseId()).track(h, trackId);
                studio.setPublished(h, trackId, null, clock.millis());
                follow.apply(h);
            }
            return studio.track(h, artist, trackId).orElseThrow();
        });
    }

    private StudioTrack ownTrack(Handle h, String artistId, String trackId) {
        return studio.track(h, artistId, trackId).orElseThrow(() -> ApiException.notFound("There is no such track."));
    }

    private String ownReleaseField(Handle h, String artistId, String value, String field) {
        String id = value.strip().toLowerCase(Locale.ROOT);
        if (!isUuid(id) || studio.release(h, artistId, id).isEmpty()) {
            throw ApiException.validation(field + " names none of your releases.");
        }
        return id;
    }

    // ---- shared by the Studio's services

    /** The signed-in account's artist id; 403 when the account has no artist profile. */
    static String artistId(Handle h, CatalogRepository catalog, Principal principal) {
        return catalog.artistOfAccount(h, principal.accountId())
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile.")).id();
    }

    static void refuseWithOffering(Handle h, StudioRepository studio, List<String> trackIds) {
        if (studio.withOffering(h, trackIds) > 0) {
            throw ApiException.conflict(ProblemType.CONFLICT, "A track with a token offering stays published: its "
                    + "holders own a share of what it earns.");
        }
    }

    static void refuseBeingChecked(Handle h, StudioRepository studio, List<String> trackIds) {
        if (studio.beingChecked(h, trackIds) > 0) {
            throw ApiException.conflict(ProblemType.BEING_CHECKED, "This track is still being checked: its loudness "
                    + "and quality report are not ready yet. Publish it when its report is ready.");
        }
    }

    static String text(String value, String field, int min, int max) {
        String v = value.strip();
        if (!PlainText.fits(v, min, max)) {
            throw ApiException.validation(field + (min > 0 ? " must be " + min + " to " : " must be at most ")
                    + max + " characters, without control characters.");
        }
        return v;
    }

    static Integer range(int value, String field, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.validation(field + " must be from " + min + " to " + max + ".");
        }
        return value;
    }

    static boolean isUuid(String value) {
        try {
            return value.length() == 36 && UUID.fromString(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
