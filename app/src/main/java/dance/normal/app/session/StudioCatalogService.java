package dance.normal.app.session;

import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackEdit;
import java.nio.file.Path;
import java.util.List;

/**
 * The signed-in artist's own catalog in the Studio (docs/studio.md): tracks, drafts and published, their edits and
 * quality reports, and releases with covers and track order. Online only; errors are the API client's (a problem from
 * the server, or unreachable). Every method refuses the FX thread.
 */
public interface StudioCatalogService {

    /** The artist's tracks, drafts and published, newest first. */
    List<StudioTrack> tracks();

    /** Changes a track (null fields stay as they are) and answers it as it is now. */
    StudioTrack edit(String trackId, TrackEdit edit);

    /** Publishes a draft ({@code published} true) or takes a track out of the catalog. */
    StudioTrack publish(String trackId, boolean published);

    QualityReport report(String trackId);

    /** The artist's releases, newest first. */
    List<StudioRelease> releases();

    StudioRelease createRelease(ReleaseRequest request);

    /** Changes a release's title, year, or tracks and their order (null fields stay as they are). */
    StudioRelease editRelease(String releaseId, ReleaseRequest request);

    /** Sets a release's cover from an image file (PNG, JPEG or WebP). */
    StudioRelease cover(String releaseId, Path image);

    /** Publishes (or unpublishes) every track of a release at once. */
    void publishRelease(String releaseId, boolean published);
}
