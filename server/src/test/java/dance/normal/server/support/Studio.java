package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The Studio's catalog routes as a test calls them (docs/studio.md). */
public final class Studio {

    private Studio() {
    }

    /**
     * A draft of the artist's: a short track uploaded on its own release (as {@code POST /api/v1/tracks} publishes
     * it), then unpublished. Returns the Studio's view of it.
     */
    public static JsonNode draft(Api server, String token, String title, String release) {
        JsonNode track = TrackUploads.upload(server, token, Fixtures.audio("mp3", 2, title),
                TrackUploads.fields("title", title, "release", release));
        return ok(server.postJson("/api/v1/studio/tracks/" + track.get("id").asText() + "/unpublish", token, "{}"));
    }

    /** A published track of the artist's on {@code release}; the catalog's view of it. */
    public static JsonNode published(Api server, String token, String title, String release) {
        return TrackUploads.upload(server, token, Fixtures.audio("mp3", 2, title),
                TrackUploads.fields("title", title, "release", release));
    }

    public static HttpResponse<String> patch(Api server, String path, String token, Object body) {
        return send(server, path, token, "PATCH", body);
    }

    public static HttpResponse<String> post(Api server, String path, String token, Object body) {
        return send(server, path, token, "POST", body);
    }

    public static HttpResponse<String> put(Api server, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = server.request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    /** The body of a 2xx answer as JSON; fails with the answer otherwise. */
    public static JsonNode ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered "
                    + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }

    private static HttpResponse<String> send(Api server, String path, String token, String method, Object body) {
        try {
            String text = body instanceof String s ? s : TestServer.JSON.writeValueAsString(body == null ? Map.of()
                    : body);
            HttpRequest.Builder b = server.request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return server.send(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
