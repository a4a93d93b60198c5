package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Uploading tracks as an artist over HTTP, and multipart bodies whose file name and part type a test chooses (a
 * text file named {@code song.mp3} sent as {@code audio/mpeg}, say).
 */
public final class TrackUploads {

    private TrackUploads() {
    }

    /** A multipart/form-data body under construction; parts keep the order they were added in. */
    public static final class Body {
        private final String boundary = "----nd-upload-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Body file(String name, String filename, String contentType, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        public Body field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n");
            return this;
        }

        public Body fields(Map<String, String> fields) {
            fields.forEach(this::field);
            return this;
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        /** The body with its closing delimiter. */
        public byte[] bytes() {
            return concat(withoutClosingDelimiter(), ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** The body cut off just before its closing delimiter, as if the client stopped sending there. */
        public byte[] withoutClosingDelimiter() {
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Body body() {
        return new Body();
    }

    /** A body with {@code file} as the audio part (named like a client would name it) and the given fields. */
    public static Body audio(Path file, Map<String, String> fields) {
        try {
            return body().fields(fields).file("file", file.getFileName().toString(), "application/octet-stream",
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpResponse<String> post(Api server, String token, Body body) {
        return post(server, token, body.contentType(), body.bytes());
    }

    public static HttpResponse<String> post(Api server, String token, String contentType, byte[] bytes) {
        HttpRequest.Builder b = server.request("/api/v1/tracks").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    /** Uploads {@code file} as the artist with {@code token}; fails unless the server answers 201. */
    public static JsonNode upload(Api server, String token, Path file, Map<String, String> fields) {
        HttpResponse<String> r = post(server, token, audio(file, fields));
        if (r.statusCode() != 201) {
            throw new AssertionError("Upload of " + file.getFileName() + " failed: " + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }

    public static JsonNode upload(Api server, String token, Path file) {
        return upload(server, token, file, Map.of());
    }

    /** Fields as a mutable ordered map, for readability at call sites. */
    public static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
