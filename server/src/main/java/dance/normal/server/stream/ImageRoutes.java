package dance.normal.server.stream;

import dance.normal.server.auth.Authenticator;
import dance.normal.server.catalog.CatalogService;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.storage.MediaStore;
import dance.normal.server.upload.Images;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Release artwork and artist pictures by their SHA-256, cacheable forever (a hash names one content). The cover of a
 * release with no published track is served only to its own artist's bearer token, and then privately (decision
 * 0039).
 */
public final class ImageRoutes {

    private final CatalogService catalog;
    private final MediaStore media;
    private final Authenticator auth;

    public ImageRoutes(CatalogService catalog, MediaStore media, Authenticator auth) {
        this.catalog = catalog;
        this.media = media;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/media/{sha256}", this::image);
    }

    /** Artwork and artist pictures only: a hash of an audio file is not found here (audio needs a stream URL). */
    private void image(Context ctx) throws IOException {
        String sha = ctx.pathParam("sha256");
        boolean valid = sha.matches("^[0-9a-f]{64}$");
        boolean open = valid && catalog.isImage(sha, Optional.empty());
        boolean own = valid && !open && ctx.header("Authorization") != null
                && catalog.isImage(sha, Optional.of(viewer(ctx)));
        Path file = open || own ? media.find(sha).orElse(null) : null;
        if (file == null) {
            throw ApiException.notFound("There is no such image.");
        }
        String etag = "\"" + sha + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", open ? "public, max-age=31536000, immutable" : "private, no-cache");
        if (Http.notModified(ctx, etag)) {
            ctx.status(304);
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        ctx.contentType(Images.sniff(bytes, bytes.length).orElse("application/octet-stream")).result(bytes);
    }

    private String viewer(Context ctx) {
        return auth.authenticate(ctx.header("Authorization")).accountId();
    }
}
