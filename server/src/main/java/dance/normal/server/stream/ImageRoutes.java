package dance.normal.server.stream;

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

/** Release artwork and artist pictures by their SHA-256, cacheable forever (a hash names one content). */
public final class ImageRoutes {

    private final CatalogService catalog;
    private final MediaStore media;

    public ImageRoutes(CatalogService catalog, MediaStore media) {
        this.catalog = catalog;
        this.media = media;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/media/{sha256}", this::image);
    }

    /** Artwork and artist pictures only: a hash of an audio file is not found here (audio needs a stream URL). */
    private void image(Context ctx) throws IOException {
        String sha = ctx.pathParam("sha256");
        boolean known = sha.matches("^[0-9a-f]{64}$") && catalog.isImage(sha);
        Path file = known ? media.find(sha).orElse(null) : null;
        if (file == null) {
            throw ApiException.notFound("There is no such image.");
        }
        String etag = "\"" + sha + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        if (Http.notModified(ctx, etag)) {
            ctx.status(304);
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        ctx.contentType(Images.sniff(bytes, bytes.length).orElse("application/octet-stream")).result(bytes);
    }
}
