package dance.normal.server.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.Http;
import dance.normal.server.upload.UploadService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The Studio's catalog routes (docs/studio.md): an artist's own tracks, drafts included, and releases. Every route
 * needs an artist's session (a listener gets 403); another artist's id answers 404.
 */
public final class StudioRoutes {

    /** A release cover is held to the same limit as an artist's picture. */
    private static final long MAX_COVER_BYTES = 5L * 1024 * 1024;

    private final StudioTrackService tracks;
    private final StudioReleaseService releases;
    private final UploadService uploads;
    private final ObjectMapper json;

    public StudioRoutes(StudioTrackService tracks, StudioReleaseService releases, UploadService uploads,
                        ObjectMapper json) {
        this.tracks = tracks;
        this.releases = releases;
        this.uploads = uploads;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/studio/tracks", this::listTracks, Access.ARTIST);
        r.patch("/api/v1/studio/tracks/{id}", this::editTrack, Access.ARTIST);
        r.post("/api/v1/studio/tracks/{id}/publish", this::publishTrack, Access.ARTIST);
        r.post("/api/v1/studio/tracks/{id}/unpublish", this::unpublishTrack, Access.ARTIST);
        r.get("/api/v1/studio/releases", this::listReleases, Access.ARTIST);
        r.post("/api/v1/studio/releases", this::createRelease, Access.ARTIST);
        r.patch("/api/v1/studio/releases/{id}", this::editRelease, Access.ARTIST);
        r.put("/api/v1/studio/releases/{id}/cover", this::putCover, Access.ARTIST, Access.Body.STREAMED);
        r.post("/api/v1/studio/releases/{id}/publish", this::publishRelease, Access.ARTIST);
        r.post("/api/v1/studio/releases/{id}/unpublish", this::unpublishRelease, Access.ARTIST);
    }

    private void listTracks(Context ctx) {
        ctx.json(tracks.tracks(principal(ctx)));
    }

    private void editTrack(Context ctx) {
        ctx.json(tracks.edit(principal(ctx), trackId(ctx), Http.body(ctx, json, TrackEdit.class)));
    }

    private void publishTrack(Context ctx) {
        ctx.json(tracks.publish(principal(ctx), trackId(ctx)));
    }

    private void unpublishTrack(Context ctx) {
        ctx.json(tracks.unpublish(principal(ctx), trackId(ctx)));
    }

    private void listReleases(Context ctx) {
        ctx.json(releases.releases(principal(ctx)));
    }

    private void createRelease(Context ctx) {
        ctx.status(201).json(releases.create(principal(ctx), Http.body(ctx, json, ReleaseRequest.class)));
    }

    private void editRelease(Context ctx) {
        ctx.json(releases.edit(principal(ctx), releaseId(ctx), Http.body(ctx, json, ReleaseRequest.class)));
    }

    /** The image is checked as the artist's picture is: size-limited while it arrives, then content-sniffed. */
    private void putCover(Context ctx) throws IOException {
        try {
            Principal principal = principal(ctx);
            String id = releaseId(ctx);
            releases.requireOwn(principal, id);
            String sha = uploads.storeImage(ctx.req().getInputStream(), MAX_COVER_BYTES);
            ctx.json(releases.cover(principal, id, sha));
        } catch (IOException | RuntimeException e) {
            // refused before the body was read: the rest of it is left on the connection, which is then closed
            ctx.header("Connection", "close");
            throw e;
        }
    }

    private void publishRelease(Context ctx) {
        ctx.json(releases.publish(principal(ctx), releaseId(ctx)));
    }

    private void unpublishRelease(Context ctx) {
        ctx.json(releases.unpublish(principal(ctx), releaseId(ctx)));
    }

    private static Principal principal(Context ctx) {
        return AccessGate.caller(ctx, Principal.class);
    }

    private static String trackId(Context ctx) {
        return Http.uuidPath(ctx, "id", "track");
    }

    private static String releaseId(Context ctx) {
        return Http.uuidPath(ctx, "id", "release");
    }
}
