package dance.normal.server.upload;

import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.catalog.Artist;
import dance.normal.server.auth.AuthService;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * An artist's own tracks and picture: uploading (bodies streamed rather than read whole) and removing a track. An
 * upload refused before its body was read leaves that body on the connection, which the server then closes;
 * {@code Connection: close} says so, so the client does not send its next request on it (the access gate does the
 * same for these routes, marked {@link Access.Body#STREAMED}).
 */
public final class UploadRoutes {

    private static final long MAX_PICTURE_BYTES = 5L * 1024 * 1024;

    private final UploadService uploads;
    private final AuthService auth;

    public UploadRoutes(UploadService uploads, AuthService auth) {
        this.uploads = uploads;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/tracks", this::upload, Access.ARTIST, Access.Body.STREAMED);
        r.delete("/api/v1/tracks/{id}", this::deleteTrack, Access.ARTIST);
        r.put("/api/v1/me/artist/picture", this::putPicture, Access.ARTIST, Access.Body.STREAMED);
    }

    private void upload(Context ctx) throws IOException {
        closingOnRefusal(ctx, () -> {
            Principal principal = AccessGate.caller(ctx, Principal.class);
            Artist artist = uploads.artistOf(principal);
            long length = ctx.req().getContentLengthLong();
            ctx.status(201).json(uploads.upload(artist, ctx.contentType(), length, ctx.req().getInputStream()));
        });
    }

    private void putPicture(Context ctx) throws IOException {
        closingOnRefusal(ctx, () -> {
            Principal principal = AccessGate.caller(ctx, Principal.class);
            String sha = uploads.storeImage(ctx.req().getInputStream(), MAX_PICTURE_BYTES);
            ctx.json(auth.updateArtistProfile(principal, new ArtistProfileRequest(null, null), sha));
        });
    }

    private void deleteTrack(Context ctx) {
        uploads.deleteTrack(AccessGate.caller(ctx, Principal.class), Http.uuidPath(ctx, "id", "track"));
        ctx.status(204);
    }

    /** An upload's work; may stop before reading its body. */
    @FunctionalInterface
    private interface Upload {
        void run() throws IOException;
    }

    private static void closingOnRefusal(Context ctx, Upload work) throws IOException {
        try {
            work.run();
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
            throw e;
        }
    }
}
