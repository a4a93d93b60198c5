package dance.normal.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/v1/tracks} and {@code DELETE /api/v1/tracks/{id}} against a started server with real audio. */
class UploadIT {

    private static final int SECONDS = 3;

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, new Color(x * 8, y * 8, 128).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertProblem(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = TestServer.json(r);
        assertThat(problem.get("type").asText()).endsWith("/" + type);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Accepted uploads: every format, tags, fields, artwork, where the track shows up, and deletion. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Accepted {

        private TestServer server;
        private String artist;

        @BeforeAll
        void start() {
            server = TestServer.start();
            artist = server.signup("artist").get("accessToken").asText();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        static Stream<Arguments> formats() {
            return Stream.of(
                    Arguments.of("wav", "WAV", "audio/wav"),
                    Arguments.of("flac", "FLAC", "audio/flac"),
                    Arguments.of("ogg", "OGG_VORBIS", "audio/ogg"),
                    Arguments.of("opus", "OGG_OPUS", "audio/ogg"),
                    Arguments.of("mp3", "MP3", "audio/mpeg"),
                    Arguments.of("m4a", "M4A", "audio/mp4"));
        }

        @ParameterizedTest
        @MethodSource("formats")
        void uploadTakesTagsWhenFieldsAreAbsent(String extension, String format, String mime) {
            String title = "Tagged " + extension + " Quokka";
            Path file = Fixtures.audio(extension, SECONDS, title);
            byte[] bytes = read(file);
            JsonNode track = TrackUploads.upload(server, artist, file);

            assertThat(track.get("title").asText()).isEqualTo(title);
            assertThat(track.get("releaseTitle").asText()).isEqualTo("Fixture Album");
            assertThat(track.get("trackNumber").asInt()).isEqualTo(3);
            assertThat(track.get("genre").asText()).isEqualTo("Test");
            assertThat(track.get("durationMs").asLong()).isBetween(SECONDS * 1000L - 100, SECONDS * 1000L + 100);
            assertThat(track.get("sha256").asText()).isEqualTo(sha256(bytes));
            assertThat(track.get("sizeBytes").asLong()).isEqualTo(bytes.length);
            assertThat(track.get("format").asText()).isEqualTo(format);
            assertThat(track.get("mimeType").asText()).isEqualTo(mime);
            assertThat(track.get("bitrateKbps").asInt()).isPositive();
            assertThat(track.get("loudnessLufs")).as("loudness with ffmpeg present").isNotNull();
            assertThat(track.get("loudnessLufs").asDouble()).isBetween(-70.0, 0.0);
            // The tone is a sine of amplitude 1/8 upmixed at -3 dB per channel: 20*log10(0.125 * 0.707) = -21.1 dBFS.
            assertThat(track.get("peakDbfs")).as("sample peak with ffmpeg present").isNotNull();
            assertThat(track.get("peakDbfs").asDouble()).isCloseTo(-21.1, within(1.0));
            assertThat(track.get("artworkUrl")).isNull();

            assertVisibleEverywhere(track, "quokka " + extension);
        }

        /** The track is served by id, on its release page, found by search and announced by the change feed. */
        private void assertVisibleEverywhere(JsonNode track, String query) {
            String id = track.get("id").asText();
            HttpResponse<String> byId = server.get("/api/v1/tracks/" + id, null);
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(byId)).isEqualTo(track);

            HttpResponse<String> release = server.get("/api/v1/releases/" + track.get("releaseId").asText(), null);
            assertThat(release.statusCode()).isEqualTo(200);
            assertThat(ids(TestServer.json(release).get("tracks"))).contains(id);

            HttpResponse<String> search = server.get("/api/v1/tracks?q="
                    + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8), null);
            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(ids(TestServer.json(search).get("items"))).contains(id);

            List<JsonNode> changes = feed();
            assertThat(changes).anySatisfy(c -> {
                assertThat(c.get("entity").asText()).isEqualTo("TRACK");
                assertThat(c.get("op").asText()).isEqualTo("UPSERT");
                assertThat(c.get("id").asText()).isEqualTo(id);
                assertThat(c.get("track").get("sha256").asText()).isEqualTo(track.get("sha256").asText());
            });
        }

        private List<JsonNode> feed() {
            List<JsonNode> all = new ArrayList<>();
            String cursor = "";
            while (true) {
                HttpResponse<String> r = server.get("/api/v1/sync?limit=1000&since=" + cursor, null);
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode page = TestServer.json(r);
                page.get("changes").forEach(all::add);
                cursor = page.get("nextCursor").asText();
                if (!page.get("hasMore").asBoolean()) {
                    return all;
                }
            }
        }

        private static List<String> ids(JsonNode array) {
            List<String> ids = new ArrayList<>();
            array.forEach(n -> ids.add(n.get("id").asText()));
            return ids;
        }

        @Test
        void fieldsOverrideTags() {
            Path file = Fixtures.audio("flac", SECONDS, "Tag Title Ignored");
            JsonNode track = TrackUploads.upload(server, artist, file, TrackUploads.fields(
                    "title", "Field Title Wombat", "release", "Field Release", "trackNumber", "7", "genre", "Jazz",
                    "year", "2024"));
            assertThat(track.get("title").asText()).isEqualTo("Field Title Wombat");
            assertThat(track.get("releaseTitle").asText()).isEqualTo("Field Release");
            assertThat(track.get("trackNumber").asInt()).isEqualTo(7);
            assertThat(track.get("genre").asText()).isEqualTo("Jazz");
            HttpResponse<String> release = server.get("/api/v1/releases/" + track.get("releaseId").asText(), null);
            assertThat(TestServer.json(release).get("year").asInt()).isEqualTo(2024);
            assertVisibleEverywhere(track, "wombat");
        }

        @Test
        void artworkIsServedAsMediaButAudioIsNot() {
            byte[] png = png();
            Path file = Fixtures.audio("mp3", SECONDS, "Artwork Track");
            TrackUploads.Body body = TrackUploads.audio(file, TrackUploads.fields("release", "Artwork Release"))
                    .file("artwork", "cover.png", "image/png", png);
            HttpResponse<String> r = TrackUploads.post(server, artist, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode track = TestServer.json(r);
            String artworkUrl = "/api/v1/media/" + sha256(png);
            assertThat(track.get("artworkUrl").asText()).isEqualTo(artworkUrl);

            JsonNode release = TestServer.json(server.get("/api/v1/releases/" + track.get("releaseId").asText(),
                    null));
            assertThat(release.get("artworkUrl").asText()).isEqualTo(artworkUrl);

            HttpResponse<byte[]> image = server.sendBytes(server.request(artworkUrl).GET().build());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(image.body()).isEqualTo(png);

            HttpResponse<byte[]> audio = server.sendBytes(server.request("/api/v1/media/"
                    + track.get("sha256").asText()).GET().build());
            assertThat(audio.statusCode()).isEqualTo(404);
            assertThat(new String(audio.body(), StandardCharsets.UTF_8)).doesNotContain("ID3");
        }

        @Test
        void deleteIsForTheOwnerOnly() {
            Path file = Fixtures.audio("ogg", SECONDS, "Deletable Zebra");
            JsonNode track = TrackUploads.upload(server, artist, file);
            String id = track.get("id").asText();
            String otherArtist = server.signup("artist").get("accessToken").asText();
            String listener = server.listenerToken();

            assertProblem(delete(id, otherArtist), 403, "forbidden");
            assertProblem(delete(id, listener), 403, "forbidden");
            assertProblem(delete(id, null), 401, "unauthenticated");
            assertThat(server.get("/api/v1/tracks/" + id, null).statusCode()).isEqualTo(200);

            HttpResponse<String> ok = delete(id, artist);
            assertThat(ok.statusCode()).isEqualTo(204);
            assertThat(ok.body()).isEmpty();

            assertThat(server.get("/api/v1/tracks/" + id, null).statusCode()).isEqualTo(404);
            assertThat(TestServer.json(server.get("/api/v1/tracks?q=zebra", null)).get("items")).isEmpty();
            assertThat(ids(TestServer.json(server.get("/api/v1/tracks?limit=100", null)).get("items")))
                    .doesNotContain(id);
            assertThat(ids(TestServer.json(server.get("/api/v1/releases/" + track.get("releaseId").asText(), null))
                    .get("tracks"))).doesNotContain(id);
            assertThat(server.get("/api/v1/tracks/" + id + "/stream", listener).statusCode()).isEqualTo(404);

            List<JsonNode> changes = feed();
            int upsert = -1;
            int deleted = -1;
            for (int i = 0; i < changes.size(); i++) {
                JsonNode c = changes.get(i);
                if (c.get("id").asText().equals(id)) {
                    if (c.get("op").asText().equals("UPSERT")) {
                        upsert = i;
                    } else if (c.get("op").asText().equals("DELETE")) {
                        assertThat(deleted).as("one DELETE").isEqualTo(-1);
                        deleted = i;
                        assertThat(c.get("entity").asText()).isEqualTo("TRACK");
                        assertThat(c.has("track")).isFalse();
                    }
                }
            }
            assertThat(upsert).isGreaterThanOrEqualTo(0);
            assertThat(deleted).isGreaterThan(upsert);

            assertThat(delete(id, artist).statusCode()).isEqualTo(404);
            assertThat(delete("not-a-uuid", artist).statusCode()).isEqualTo(404);
        }

        @Test
        void deletingATrackThatIsNotThereIsNotFound() {
            Path file = Fixtures.audio("ogg", SECONDS, "Twice Deleted");
            String id = TrackUploads.upload(server, artist, file).get("id").asText();
            String otherArtist = server.signup("artist").get("accessToken").asText();

            assertProblem(delete(UUID.randomUUID().toString(), artist), 404, "not-found");
            assertThat(delete(id, artist).statusCode()).isEqualTo(204);
            assertProblem(delete(id, artist), 404, "not-found");
            assertProblem(delete(id, otherArtist), 404, "not-found");
        }

        private HttpResponse<String> delete(String id, String token) {
            HttpRequest.Builder b = server.request("/api/v1/tracks/" + id).DELETE();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return server.send(b.build());
        }
    }

    /** Refused uploads: a clear problem, and no file in media/ (tmp/ included) and no row left behind. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Refused {

        private TestServer server;
        private String artist;

        @BeforeAll
        void start() {
            server = TestServer.start();
            artist = server.signup("artist").get("accessToken").asText();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @AfterEach
        void nothingLeftBehind() {
            assertNothingStored(server);
        }

        private HttpResponse<String> upload(TrackUploads.Body body) {
            return TrackUploads.post(server, artist, body);
        }

        @Test
        void textNamedMp3Is415() {
            byte[] text = "This is not music, just text in a file named like one.\n".repeat(200)
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = upload(TrackUploads.body().file("file", "song.mp3", "audio/mpeg", text));
            assertProblem(r, 415, "unsupported-media");
        }

        @Test
        void pngAsAudioIs415() {
            HttpResponse<String> r = upload(TrackUploads.body().file("file", "song.mp3", "audio/mpeg", png()));
            assertProblem(r, 415, "unsupported-media");
        }

        @ParameterizedTest
        @ValueSource(strings = {"mp3", "flac", "wav", "m4a"})
        void truncatedAudioIs415(String extension) {
            byte[] whole = read(Fixtures.audio(extension, 5, "Cut " + extension));
            byte[] half = Arrays.copyOf(whole, whole.length / 2);
            HttpResponse<String> r = upload(TrackUploads.body().file("file", "cut." + extension,
                    "application/octet-stream", half));
            assertProblem(r, 415, "unsupported-media");
            assertThat(TestServer.json(r).get("detail").asText()).contains("incomplete");
        }

        @Test
        void missingClosingBoundaryIs400() {
            TrackUploads.Body body = TrackUploads.audio(Fixtures.audio("mp3", SECONDS, "Unclosed"), Map.of());
            HttpResponse<String> r = TrackUploads.post(server, artist, body.contentType(),
                    body.withoutClosingDelimiter());
            assertProblem(r, 400, "bad-request");
        }

        @Test
        void noFilePartIs422() {
            HttpResponse<String> r = upload(TrackUploads.body().field("title", "Only a title"));
            assertProblem(r, 422, "validation");
            assertProblem(upload(TrackUploads.body()), 422, "validation");
        }

        @Test
        void listenerIs403AndAnonymousIs401() {
            TrackUploads.Body body = TrackUploads.audio(Fixtures.audio("mp3", SECONDS, "Not Yours"), Map.of());
            assertProblem(TrackUploads.post(server, server.listenerToken(), body), 403, "forbidden");
            assertProblem(TrackUploads.post(server, null, body), 401, "unauthenticated");
            assertProblem(TrackUploads.post(server, "not.a.token", body), 401, "unauthenticated");
        }

        @Test
        void nonMultipartIs415() {
            byte[] mp3 = read(Fixtures.audio("mp3", SECONDS, "Raw Body"));
            assertProblem(TrackUploads.post(server, artist, "audio/mpeg", mp3), 415, "unsupported-media");
            assertProblem(TrackUploads.post(server, artist, "multipart/mixed; boundary=x", mp3), 415,
                    "unsupported-media");
            assertProblem(TrackUploads.post(server, artist, "multipart/form-data", mp3), 415, "unsupported-media");
        }

        @ParameterizedTest
        @ValueSource(strings = {"trackNumber=abc", "trackNumber=0", "trackNumber=-1", "year=3000", "year=99",
            "title=LONG", "genre=LONG", "release=LONG", "title=CONTROL"})
        void invalidFieldsAre422(String field) {
            String name = field.substring(0, field.indexOf('='));
            String value = switch (field.substring(field.indexOf('=') + 1)) {
                case "LONG" -> "x".repeat(1000);
                case "CONTROL" -> "bad\u0007title";
                default -> field.substring(field.indexOf('=') + 1);
            };
            TrackUploads.Body body = TrackUploads.audio(Fixtures.audio("mp3", SECONDS, "Field Check"),
                    Map.of(name, value));
            HttpResponse<String> r = upload(body);
            assertProblem(r, 422, "validation");
            assertThat(TestServer.json(r).get("detail").asText()).contains(name);
        }

        @Test
        void interruptedUploadLeavesNothing() throws Exception {
            TrackUploads.Body body = TrackUploads.audio(Fixtures.audio("wav", 5, "Interrupted"), Map.of());
            byte[] bytes = body.bytes();
            Path tmp = server.dataDir().resolve("media").resolve("tmp");
            try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + artist
                        + "\r\nContent-Type: " + body.contentType() + "\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                // The server streams the part to a temp file as it arrives: wait until it has started one.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (regularFiles(tmp).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(regularFiles(tmp)).as("temp file while the upload is in progress").hasSize(1);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!regularFiles(server.dataDir().resolve("media")).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // nothingLeftBehind() checks media/ and the tables.
        }
    }

    /** With a small upload limit: a larger file is refused while streaming, and nothing is left behind. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Limited {

        private TestServer server;

        @BeforeAll
        void start() {
            server = TestServer.start(dance.normal.server.support.Databases.Kind.SQLITE,
                    c -> c.withMaxUploadBytes(100_000));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void oversizedUploadIs413() {
            String artist = server.signup("artist").get("accessToken").asText();
            // One second of WAV, 176 kB: over the limit, and small enough to fit the loopback socket buffers whole,
            // so the early refusal reaches the client rather than a reset of the connection it stopped reading.
            Path wav = Fixtures.audio("wav", 1, "Too Big");
            assertThat(read(wav).length).isGreaterThan(100_000);
            HttpResponse<String> r = TrackUploads.post(server, artist, TrackUploads.audio(wav, Map.of()));
            assertProblem(r, 413, "payload-too-large");
            assertNothingStored(server);
            // The server keeps working for the next request.
            assertThat(server.get("/api/v1/tracks", null).statusCode()).isEqualTo(200);
        }

        @Test
        void hugeDeclaredLengthIsRefusedBeforeTheBodyIsSent() throws Exception {
            String artist = server.signup("artist").get("accessToken").asText();
            try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /api/v1/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + artist + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: 10000000000\r\n\r\n--b\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 413");
            }
            assertNothingStored(server);
        }
    }

    /** Text fields and bodies without a Content-Length: bounded like the file parts. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Bounded {

        private TestServer server;
        private String artist;

        @BeforeAll
        void start() {
            server = TestServer.start(dance.normal.server.support.Databases.Kind.SQLITE,
                    c -> c.withMaxUploadBytes(100_000));
            artist = server.signup("artist").get("accessToken").asText();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void aFloodOfTextFieldsIs413() {
            TrackUploads.Body body = TrackUploads.body();
            for (int i = 0; i < 200; i++) {
                body.field("junk" + i, "x".repeat(1000));
            }
            body.file("file", "a.mp3", "audio/mpeg", read(Fixtures.audio("mp3", 1, "Fields")));
            HttpResponse<String> r = TrackUploads.post(server, artist, body);

            assertProblem(r, 413, "payload-too-large");
            assertThat(TestServer.json(r).get("detail").asText()).contains("16 text fields");
            assertNothingStored(server);
        }

        @Test
        void aLongTextFieldIs413NamingIt() {
            HttpResponse<String> r = TrackUploads.post(server, artist, TrackUploads.audio(
                    Fixtures.audio("mp3", 1, "Long Field"), Map.of("genre", "g".repeat(5000))));

            assertProblem(r, 413, "payload-too-large");
            assertThat(TestServer.json(r).get("detail").asText()).contains("\"genre\"");
            assertNothingStored(server);
        }

        @Test
        void aChunkedUploadLargerThanTheLimitIs413() throws Exception {
            // No Content-Length: 11 MiB of preamble before the first part (more than the audio limit, the artwork
            // limit and the form's room together), then a small valid file.
            TrackUploads.Body parts = TrackUploads.body()
                    .file("file", "a.mp3", "audio/mpeg", read(Fixtures.audio("mp3", 1, "Chunked")));
            byte[] preamble = new byte[11 * 1024 * 1024];
            Arrays.fill(preamble, (byte) 'p');
            byte[] body = concat(preamble, "\r\n".getBytes(StandardCharsets.US_ASCII), parts.bytes());
            try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        out.write(("POST /api/v1/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + artist
                                + "\r\nContent-Type: " + parts.contentType() + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        for (int off = 0; off < body.length; off += 64 * 1024) {
                            int n = Math.min(64 * 1024, body.length - off);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, off, n);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // the server stopped reading: expected once it refused the upload
                    }
                });
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 413");
                socket.close();
                writer.join();
            }
            assertNothingStored(server);
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                all.writeBytes(p);
            }
            return all.toByteArray();
        }
    }

    static List<Path> regularFiles(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            // a temp file deleted while walking
            return regularFiles(dir);
        }
    }

    static void assertNothingStored(TestServer server) {
        assertThat(regularFiles(server.dataDir().resolve("media"))).as("files in media/").isEmpty();
        assertThat(Files.isDirectory(server.dataDir().resolve("media").resolve("tmp"))).isTrue();
        String url = "jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : List.of("tracks", "releases", "track_search_ids")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("rows in %s", table).isZero();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM changes WHERE entity <> 'ARTIST'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("release or track changes").isZero();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> list = server.get("/api/v1/tracks", null);
        assertThat(TestServer.json(list).get("items")).isEmpty();
    }
}
