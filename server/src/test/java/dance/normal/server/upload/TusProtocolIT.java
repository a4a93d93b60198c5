package dance.normal.server.upload;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * tus 1.0 at {@code /api/v1/uploads} against a started server on SQLite and on PostgreSQL, driven by the real tus
 * client library (tus-java-client) where a client's behaviour is the point, and by plain HTTP (or a raw socket, to cut
 * a body off midway) where a protocol rule is.
 */
class TusProtocolIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Map<Databases.Kind, Env> ENVS = new EnumMap<>(Databases.Kind.class);

    /** A server, how to reach its database, and an artist on it. */
    record Env(TestServer server, String jdbcUrl, String artist) {

        HttpResponse<String> send(HttpRequest.Builder b) {
            return server.send(b.build());
        }

        HttpRequest.Builder request(String pathOrUrl, String token) {
            URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(server.url(pathOrUrl));
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Tus-Resumable", "1.0.0");
            return token == null ? b : b.header("Authorization", "Bearer " + token);
        }

        /** tus creation; returns the upload's absolute URL. */
        String create(String token, long length, String filename) {
            HttpResponse<String> r = send(request("/api/v1/uploads", token)
                    .header("Upload-Length", Long.toString(length))
                    .header("Upload-Metadata", "filename " + b64(filename))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
            return server.url(r.headers().firstValue("Location").orElseThrow());
        }

        HttpResponse<String> patch(String url, String token, long offset, byte[] bytes) {
            return send(request(url, token).header("Upload-Offset", Long.toString(offset))
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
        }

        HttpResponse<String> head(String url, String token) {
            return send(request(url, token).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        }

        long offset(String url) {
            HttpResponse<String> r = head(url, artist);
            assertThat(r.statusCode()).isEqualTo(200);
            return Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
        }

        Path fileOf(String url) {
            return server.dataDir().resolve("media").resolve("uploads").resolve(idOf(url));
        }

        long count(String sql, Object... args) {
            try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        String one(String sql, Object... args) {
            try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        TusClient tusClient(String token) {
            try {
                TusClient client = new TusClient();
                client.setUploadCreationURL(new URL(server.url("/api/v1/uploads")));
                client.setHeaders(Map.of("Authorization", "Bearer " + token));
                client.enableResuming(new TusURLMemoryStore());
                return client;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static synchronized Env env(Databases.Kind kind) {
        return ENVS.computeIfAbsent(kind, TusProtocolIT::start);
    }

    private static Env start(Databases.Kind kind) {
        AtomicReference<String> url = new AtomicReference<>();
        TestServer server = TestServer.start(kind, config -> {
            url.set(config.jdbcUrl().orElse("jdbc:sqlite:" + config.dataDir().resolve("normal-dance.db")));
            return config;
        });
        return new Env(server, url.get(), server.signup("artist").get("accessToken").asText());
    }

    @AfterAll
    static void stop() {
        ENVS.values().forEach(e -> e.server().close());
        ENVS.clear();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aWholeUploadByATusClientBecomesADraftCarryingItsUploadId(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        Path file = Fixtures.audio("flac", 3, "Tus Whole " + kind);
        TusClient client = env.tusClient(env.artist());
        TusUpload upload = new TusUpload(file.toFile());
        TusUploader uploader = client.createUpload(upload);
        uploader.setChunkSize(64 * 1024);
        while (uploader.uploadChunk() > -1) {
            // every chunk goes in one PATCH (or more, past the request payload size)
        }
        uploader.finish();

        String uploadId = idOf(uploader.getUploadURL().toString());
        assertThat(env.count("SELECT COUNT(*) FROM uploads WHERE id = ?", uploadId)).as("upload row").isZero();
        assertThat(Files.exists(env.fileOf(uploader.getUploadURL().toString()))).as("upload file").isFalse();
        assertThat(env.one("SELECT sha256 FROM tracks WHERE upload_id = ? AND published_at IS NULL", uploadId))
                .as("a draft from the upload").isEqualTo(sha256(Files.readAllBytes(file)));
        JsonNode listed = null;
        for (JsonNode t : TestServer.json(env.server().get("/api/v1/studio/tracks", env.artist())).path("tracks")) {
            if (uploadId.equals(t.path("uploadId").asText())) {
                listed = t;
            }
        }
        assertThat(listed).as("the draft in GET /api/v1/studio/tracks with its uploadId").isNotNull();
        assertThat(listed.path("status").asText()).isEqualTo("draft");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theLastPatchAnswersTheDraftsTrackId(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        byte[] bytes = Files.readAllBytes(Fixtures.audio("wav", 2, "Tus Track-Id " + kind));
        String url = env.create(env.artist(), bytes.length, "track-id.wav");
        int half = bytes.length / 2;
        HttpResponse<String> first = env.patch(url, env.artist(), 0, Arrays.copyOf(bytes, half));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(first.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(half));
        assertThat(first.headers().firstValue("Track-Id")).isEmpty();

        HttpResponse<String> last = env.patch(url, env.artist(), half, Arrays.copyOfRange(bytes, half, bytes.length));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        assertThat(last.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(bytes.length));
        String trackId = last.headers().firstValue("Track-Id").orElseThrow();
        assertThat(env.one("SELECT upload_id FROM tracks WHERE id = ?", trackId)).isEqualTo(idOf(url));
        assertThat(env.one("SELECT sha256 FROM tracks WHERE id = ?", trackId)).isEqualTo(sha256(bytes));
        assertThat(env.head(url, env.artist()).statusCode()).as("the finished upload is gone").isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anUntaggedFileIsTitledAfterItsNameNotUntitled(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        byte[] bytes = Files.readAllBytes(Fixtures.sine("wav", 0.5, 2)); // no title tag
        String url = env.create(env.artist(), bytes.length, "Night Bus (take 2).wav");
        HttpResponse<String> last = env.patch(url, env.artist(), 0, bytes);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        String trackId = last.headers().firstValue("Track-Id").orElseThrow();
        assertThat(env.one("SELECT title FROM tracks WHERE id = ?", trackId)).isEqualTo("Night Bus (take 2)");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anUploadCutOffHalfwayResumesFromWhatArrivedToTheSameBytes(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        Path file = Fixtures.audio("wav", 20, "Tus Cut " + kind);
        byte[] bytes = Files.readAllBytes(file);
        TusClient client = env.tusClient(env.artist());
        TusUpload upload = new TusUpload(file.toFile());
        TusUploader created = client.createUpload(upload);
        String url = created.getUploadURL().toString();

        // Half the body, then the connection closes under the server, as when the network drops.
        int half = bytes.length / 2;
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + env.artist() + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, half);
            out.flush();
            awaitTrue(() -> fileSize(env.fileOf(url)) >= half, "the server has the first half on disk");
        }
        awaitTrue(() -> env.offset(url) > 0, "HEAD reports what arrived");
        long kept = env.offset(url);
        assertThat(kept).isEqualTo(half);
        assertThat(Files.size(env.fileOf(url))).isEqualTo(kept);

        TusUploader resumed = client.resumeUpload(upload);
        assertThat(resumed.getOffset()).isEqualTo(kept);
        while (resumed.uploadChunk() > -1) {
            // the rest
        }
        resumed.finish();
        String uploadId = idOf(url);
        assertThat(env.one("SELECT sha256 FROM tracks WHERE upload_id = ?", uploadId)).isEqualTo(sha256(bytes));
        String stored = env.one("SELECT sha256 FROM tracks WHERE upload_id = ?", uploadId);
        Path inStore = env.server().dataDir().resolve("media").resolve(stored.substring(0, 2))
                .resolve(stored.substring(2, 4)).resolve(stored);
        assertThat(sha256(Files.readAllBytes(inStore))).isEqualTo(sha256(bytes));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void protocolRefusals(Databases.Kind kind) {
        Env env = env(kind);
        String url = env.create(env.artist(), 1000, "refusals.wav");
        byte[] ten = new byte[10];

        HttpResponse<String> wrongOffset = env.patch(url, env.artist(), 5, ten);
        assertProblem(wrongOffset, 409, "conflict");

        HttpResponse<String> wrongType = env.send(env.request(url, env.artist()).header("Upload-Offset", "0")
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(ten)));
        assertProblem(wrongType, 415, "unsupported-media");

        HttpResponse<String> noVersion = env.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + env.artist()).header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(ten)));
        assertProblem(noVersion, 412, "precondition-failed");
        assertThat(noVersion.headers().firstValue("Tus-Version")).hasValue("1.0.0");

        HttpResponse<String> pastTheEnd = env.patch(url, env.artist(), 0, new byte[1001]);
        assertProblem(pastTheEnd, 413, "payload-too-large");
        assertThat(env.offset(url)).as("nothing of a refused PATCH is kept").isZero();

        HttpResponse<String> tooLarge = env.send(env.request("/api/v1/uploads", env.artist())
                .header("Upload-Length", Long.toString(200L * 1024 * 1024 + 1))
                .header("Upload-Metadata", "filename " + b64("huge.wav")).POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(tooLarge, 413, "payload-too-large");

        HttpResponse<String> noLength = env.send(env.request("/api/v1/uploads", env.artist())
                .header("Upload-Metadata", "filename " + b64("x.wav")).POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(noLength, 400, "bad-request");

        HttpResponse<String> options = env.send(HttpRequest.newBuilder(URI.create(env.server().url("/api/v1/uploads")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension")).hasValue("creation,termination");
        assertThat(options.headers().firstValue("Tus-Max-Size")).hasValue(Long.toString(200L * 1024 * 1024));

        HttpResponse<String> head = env.head(url, env.artist());
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue("1000");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void oneAccountsOpenUploadsMayTogetherGrowToTwiceTheLargestFile(Databases.Kind kind) {
        Env env = env(kind);
        String artist = env.server().signup("artist").get("accessToken").asText();
        long max = 200L * 1024 * 1024;
        String first = env.create(artist, max, "one.wav");
        env.create(artist, max, "two.wav");
        HttpResponse<String> third = env.send(env.request("/api/v1/uploads", artist)
                .header("Upload-Length", "1").header("Upload-Metadata", "filename " + b64("three.wav"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(assertProblem(third, 413, "payload-too-large").path("detail").asText())
                .contains("unfinished uploads");
        assertThat(env.send(env.request(first, artist).DELETE()).statusCode()).isEqualTo(204);
        env.create(artist, 1, "three.wav");
        env.create(env.server().signup("artist").get("accessToken").asText(), max, "another account's.wav");
    }

    @ParameterizedTest
    @EnumSource(value = Databases.Kind.class, names = "SQLITE")
    void aCreationTheDiskCannotHoldIs507(Databases.Kind kind) {
        try (TestServer big = TestServer.start(kind, c -> c.withMaxUploadBytes(1L << 60))) {
            String artist = big.signup("artist").get("accessToken").asText();
            HttpResponse<String> r = big.send(big.request("/api/v1/uploads").header("Authorization", "Bearer "
                    + artist).header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(1L << 59))
                    .header("Upload-Metadata", "filename " + b64("vast.wav")).POST(HttpRequest.BodyPublishers
                    .noBody()).build());
            assertThat(assertProblem(r, 507, "unavailable").path("detail").asText()).contains("storage space");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void terminationRemovesTheUploadAndItsBytes(Databases.Kind kind) {
        Env env = env(kind);
        String url = env.create(env.artist(), 1000, "gone.wav");
        assertThat(env.patch(url, env.artist(), 0, new byte[100]).statusCode()).isEqualTo(204);
        assertThat(Files.exists(env.fileOf(url))).isTrue();

        HttpResponse<String> delete = env.send(env.request(url, env.artist()).DELETE());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
        assertThat(env.head(url, env.artist()).statusCode()).isEqualTo(404);
        assertThat(Files.exists(env.fileOf(url))).isFalse();
        assertThat(env.count("SELECT COUNT(*) FROM uploads WHERE id = ?", idOf(url))).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aTruncatedFileIsRefusedWithItsReasonAndLeavesNothing(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        byte[] whole = Files.readAllBytes(Fixtures.audio("wav", 5, "Tus Truncated " + kind));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        String url = env.create(env.artist(), half.length, "truncated.wav");
        long tracksBefore = env.count("SELECT COUNT(*) FROM tracks");

        HttpResponse<String> r = env.patch(url, env.artist(), 0, half);
        JsonNode problem = assertProblem(r, 415, "unsupported-media");
        assertThat(problem.get("detail").asText()).contains("incomplete");
        assertThat(env.count("SELECT COUNT(*) FROM uploads WHERE id = ?", idOf(url))).isZero();
        assertThat(Files.exists(env.fileOf(url))).isFalse();
        assertThat(env.count("SELECT COUNT(*) FROM tracks")).isEqualTo(tracksBefore);
        assertThat(env.head(url, env.artist()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void twoPatchesAtOnceNeverBothWrite(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        String url = env.create(env.artist(), 1_000_000, "twice.wav");
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + env.artist() + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1000]);
            out.flush();
            awaitTrue(() -> fileSize(env.fileOf(url)) >= 1000, "the first PATCH is writing");

            assertProblem(env.patch(url, env.artist(), 0, new byte[10]), 409, "conflict");
            assertProblem(env.send(env.request(url, env.artist()).DELETE()), 409, "conflict");
        }
        awaitTrue(() -> env.offset(url) == 1000, "the first PATCH's bytes are recorded once it is cut off");
        assertThat(env.patch(url, env.artist(), 1000, new byte[10]).statusCode()).isEqualTo(204);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anotherArtistsUploadIsNotFoundAndAListenerCannotUpload(Databases.Kind kind) {
        Env env = env(kind);
        String url = env.create(env.artist(), 1000, "mine.wav");
        String other = env.server().signup("artist").get("accessToken").asText();
        assertThat(env.head(url, other).statusCode()).isEqualTo(404);
        assertProblem(env.patch(url, other, 0, new byte[10]), 404, "not-found");
        assertProblem(env.send(env.request(url, other).DELETE()), 404, "not-found");
        assertThat(env.offset(url)).isZero();

        String listener = env.server().listenerToken();
        HttpResponse<String> r = env.send(env.request("/api/v1/uploads", listener).header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64("x.wav")).POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(r, 403, "forbidden");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void expiredUploadsAreRemovedByTheJob(Databases.Kind kind) {
        Env env = start(kind);
        try {
            String url = env.create(env.artist(), 1000, "late.wav");
            assertThat(env.patch(url, env.artist(), 0, new byte[100]).statusCode()).isEqualTo(204);

            env.server().clock().advance(Duration.ofHours(23));
            String later = env.server().signup("artist").get("accessToken").asText();
            String fresh = env.create(later, 1000, "fresh.wav");
            assertThat(env.patch(fresh, later, 0, new byte[100]).statusCode()).isEqualTo(204);
            env.server().clock().advance(Duration.ofHours(2));
            env.server().server().tus().removeExpired();

            assertThat(env.count("SELECT COUNT(*) FROM uploads WHERE id = ?", idOf(url))).isZero();
            assertThat(Files.exists(env.fileOf(url))).isFalse();
            assertThat(env.count("SELECT COUNT(*) FROM uploads WHERE id = ?", idOf(fresh)))
                    .as("an upload with bytes two hours ago is kept").isEqualTo(1);
            assertThat(Files.exists(env.fileOf(fresh))).isTrue();
        } finally {
            env.server().close();
        }
    }

    static String idOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long fileSize(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
