package dance.normal.sync.studio;

import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioReleases;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.RawBody;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The Studio's catalog routes (docs/studio.md): the signed-in artist's tracks, drafts and published, their edits and
 * quality reports, and their releases with covers. Every call blocks; errors are the {@link ApiClient}'s
 * ({@code ProblemException} with the server's problem, {@code UnreachableException}). Reads, edits (a PATCH states
 * the end result), publishing (publishing twice leaves it published) and the cover PUT are safe to repeat, so they are
 * retried; making a release is not.
 */
public final class StudioClient {

    private static final String TRACKS = "/api/v1/studio/tracks";
    private static final String RELEASES = "/api/v1/studio/releases";

    private final ApiClient api;

    public StudioClient(ApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The artist's tracks, drafts and published, newest first. */
    public StudioTracks tracks() {
        return api.get(TRACKS, StudioTracks.class);
    }

    /** Changes a track; null fields of {@code edit} stay as they are. */
    public StudioTrack edit(String trackId, TrackEdit edit) {
        return api.call("PATCH", TRACKS + "/" + encode(trackId), edit, StudioTrack.class, Map.of(), true);
    }

    /** Puts a draft in the catalog (or a published track out of it, {@code published} false). */
    public StudioTrack publish(String trackId, boolean published) {
        return api.call("POST", TRACKS + "/" + encode(trackId) + (published ? "/publish" : "/unpublish"), null,
                StudioTrack.class, Map.of(), true);
    }

    public QualityReport report(String trackId) {
        return api.get(TRACKS + "/" + encode(trackId) + "/report", QualityReport.class);
    }

    /** The artist's releases, newest first. */
    public StudioReleases releases() {
        return api.get(RELEASES, StudioReleases.class);
    }

    /** Makes a release of these tracks, in this order. Not repeated on a failure (it would make two). */
    public StudioRelease createRelease(ReleaseRequest request) {
        return api.call("POST", RELEASES, request, StudioRelease.class, Map.of(), false);
    }

    /** Changes a release: its title, year, or its tracks and their order; null fields stay as they are. */
    public StudioRelease editRelease(String releaseId, ReleaseRequest request) {
        return api.call("PATCH", RELEASES + "/" + encode(releaseId), request, StudioRelease.class, Map.of(), true);
    }

    /** Sets a release's cover from an image (PNG, JPEG or WebP; {@code mediaType} says which). */
    public StudioRelease cover(String releaseId, byte[] image, String mediaType) {
        return api.call("PUT", RELEASES + "/" + encode(releaseId) + "/cover", new RawBody(image, mediaType),
                StudioRelease.class, Map.of(), true);
    }

    /**
     * Publishes (or unpublishes) every track of a release at once; the answer is the release as it is then, or null
     * when the server sends none (read the releases again).
     */
    public StudioRelease publishRelease(String releaseId, boolean published) {
        return api.call("POST", RELEASES + "/" + encode(releaseId) + (published ? "/publish" : "/unpublish"), null,
                StudioRelease.class, Map.of(), true);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
