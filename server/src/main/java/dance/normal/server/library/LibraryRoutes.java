package dance.normal.server.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.library.Likes;
import dance.normal.protocol.library.Playlist;
import dance.normal.protocol.library.PlaylistDraft;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** A listener's library: likes (tagged, so an unchanged list costs a 304) and playlists (versioned by ETag). */
public final class LibraryRoutes {

    private final LikeService likes;
    private final PlaylistService playlists;
    private final ObjectMapper json;

    public LibraryRoutes(LikeService likes, PlaylistService playlists, ObjectMapper json) {
        this.likes = likes;
        this.playlists = playlists;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/me/likes", this::likes, Access.SIGNED_IN);
        r.put("/api/v1/me/likes/{trackId}", this::like, Access.SIGNED_IN);
        r.get("/api/v1/me/playlists", this::playlists, Access.SIGNED_IN);
        r.post("/api/v1/me/playlists", this::createPlaylist, Access.SIGNED_IN);
        r.get("/api/v1/me/playlists/{id}", this::playlist, Access.SIGNED_IN);
        r.put("/api/v1/me/playlists/{id}", this::updatePlaylist, Access.SIGNED_IN);
        r.delete("/api/v1/me/playlists/{id}", this::deletePlaylist, Access.SIGNED_IN);
        r.delete("/api/v1/me/likes/{trackId}", this::unlike, Access.SIGNED_IN);
    }

    /** The listener's likes, tagged: asked again with the tag while nothing changed, 304 and no body. */
    private void likes(Context ctx) {
        Likes mine = likes.likes(principal(ctx));
        String etag = LikeService.etag(mine);
        ctx.header("ETag", etag).header("Cache-Control", "no-store");
        if (Http.notModified(ctx, etag)) {
            ctx.status(304);
        } else {
            ctx.json(mine);
        }
    }

    private void like(Context ctx) {
        likes.like(principal(ctx), Http.uuidPath(ctx, "trackId", "track"));
        ctx.status(204);
    }

    private void unlike(Context ctx) {
        likes.unlike(principal(ctx), Http.uuidPath(ctx, "trackId", "track"));
        ctx.status(204);
    }

    private void playlists(Context ctx) {
        ctx.json(playlists.list(principal(ctx)));
    }

    private void createPlaylist(Context ctx) {
        Playlist created = playlists.create(principal(ctx), ctx.header("Idempotency-Key"),
                Http.body(ctx, json, PlaylistDraft.class));
        ctx.status(201).header("ETag", PlaylistService.etag(created)).json(created);
    }

    private void playlist(Context ctx) {
        Playlist found = playlists.find(principal(ctx), Http.uuidPath(ctx, "id", "playlist"))
                .orElseThrow(() -> ApiException.notFound("There is no such playlist."));
        ctx.header("ETag", PlaylistService.etag(found)).json(found);
    }

    private void updatePlaylist(Context ctx) {
        Principal principal = principal(ctx);
        String id = Http.uuidPath(ctx, "id", "playlist");
        Playlist updated = playlists.update(principal, id, ifMatchVersion(ctx),
                Http.body(ctx, json, PlaylistDraft.class));
        ctx.header("ETag", PlaylistService.etag(updated)).json(updated);
    }

    private void deletePlaylist(Context ctx) {
        playlists.delete(principal(ctx), Http.uuidPath(ctx, "id", "playlist"));
        ctx.status(204);
    }

    /** The version an update is based on, from {@code If-Match: "<version>"}; 428 without it. */
    private static long ifMatchVersion(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank()) {
            throw new ApiException(ProblemType.PRECONDITION_REQUIRED, 428,
                    "Send If-Match with the version you changed (the ETag you read).");
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match must be the playlist's ETag, like \"3\".");
        }
    }

    private static Principal principal(Context ctx) {
        return AccessGate.caller(ctx, Principal.class);
    }
}
