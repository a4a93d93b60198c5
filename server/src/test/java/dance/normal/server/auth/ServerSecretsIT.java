package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.Role;
import dance.normal.server.CannotStartException;
import dance.normal.server.NormalDanceServer;
import dance.normal.server.ServerConfig;
import dance.normal.server.stream.StreamUrlSigner;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's secrets on disk and in tokens: the data directory and the database (which holds the signing keys)
 * are the owner's only, also after someone loosened them; tokens and stream URLs name their key, keys rotate
 * (old ones verify until what they signed expires); an empty admin token refuses to start.
 */
class ServerSecretsIT {

    private static final String DB = "normal-dance.db";

    @Test
    void theDataDirAndTheDatabaseFilesAreTheOwnersOnlyAndPutRightAtStart() throws IOException {
        TestServer first = TestServer.start();
        Path dir = first.dataDir();
        first.signup("listener"); // something written, so the -wal file exists
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(databaseFiles(dir)).isNotEmpty().allSatisfy(f -> assertThat(permissions(f)).as(f.toString())
                .isEqualTo("rw-------"));
        first.server().close();

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path f : databaseFiles(dir)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (TestServer again = TestServer.restart(dir, UnaryOperator.identity())) {
            assertThat(permissions(dir)).isEqualTo("rwx------");
            assertThat(databaseFiles(dir)).isNotEmpty().allSatisfy(f -> assertThat(permissions(f))
                    .as(f.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void aDataDirMadeByTheServerIsBornOwnerOnly() throws IOException {
        Path parent = Files.createTempDirectory("nd-parent-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = parent.resolve("server");
        try (TestServer server = TestServer.restart(dir, UnaryOperator.identity())) {
            assertThat(permissions(dir)).isEqualTo("rwx------");
            assertThat(permissions(dir.resolve(DB))).isEqualTo("rw-------");
        } finally {
            Files.deleteIfExists(parent);
        }
    }

    @Test
    void tokensAndStreamUrlsNameTheirKeyAndOutliveARotationUntilTheyExpire() {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity(), clock)) {
            String artist = server.signup("artist").path("accessToken").asText();
            String track = TrackUploads.upload(server, artist, Fixtures.audio("mp3", 2, "Rotated"),
                    TrackUploads.fields("title", "Rotated", "release", "Keys")).path("id").asText();
            String before = server.signup("listener").path("accessToken").asText();
            assertThat(kid(before)).isEqualTo(TokenService.KEYS);
            String oldUrl = streamUrl(server, track, before);

            JsonNode rotated = rotate(server);

            String newKid = rotated.path("accessTokenKid").asText();
            assertThat(newKid).startsWith(TokenService.KEYS + "/");
            String after = server.signup("listener").path("accessToken").asText();
            assertThat(kid(after)).isEqualTo(newKid);
            assertThat(server.get("/api/v1/me", after).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v1/me", before).statusCode()).as("signed before the rotation").isEqualTo(200);
            String newUrl = streamUrl(server, track, after);
            assertThat(newUrl).contains("sig=" + rotated.path("streamUrlKid").asText() + ".");
            assertThat(play(server, oldUrl)).as("a stream URL signed before the rotation").isEqualTo(200);
            assertThat(play(server, newUrl)).isEqualTo(200);

            // Once everything the old key signed has expired, it verifies nothing: a token it signs now, for a live
            // session, is refused, while the same claims under the new key are taken.
            JsonNode claims = claims(after);
            clock.advance(longestLifetime().plusMinutes(1));
            String lateButOldKey = new TokenService(oldAccessKey(server), clock).issue(claims.path("sub").asText(),
                    Role.LISTENER, claims.path("sid").asText());
            assertProblem(server.get("/api/v1/me", lateButOldKey), 401, "unauthenticated");
            assertThat(server.get("/api/v1/me", server.signup("listener").path("accessToken").asText())
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rotateKeysAtStartKeepsEarlierTokensValid() throws IOException {
        TestServer first = TestServer.start();
        Path dir = first.dataDir();
        String before = first.signup("listener").path("accessToken").asText();
        first.server().close();

        try (TestServer again = TestServer.restart(dir, c -> c.withAuth(c.auth().withRotateKeys(true)))) {
            String after = again.signup("listener").path("accessToken").asText();

            assertThat(kid(after)).startsWith(TokenService.KEYS + "/");
            assertThat(again.get("/api/v1/me", before).statusCode()).isEqualTo(200);
            assertThat(again.get("/api/v1/me", after).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anEmptyAdminTokenFileRefusesToStartWithASentence() throws IOException {
        Path dir = Files.createTempDirectory("nd-admin-");
        Files.writeString(dir.resolve("admin-token"), "  \n");
        try {
            assertThatThrownBy(() -> NormalDanceServer.start(ServerConfig.forTests(dir)))
                    .isInstanceOf(CannotStartException.class)
                    .hasMessageContaining("admin token file").hasMessageContaining("empty");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- helpers

    private static Duration longestLifetime() {
        return StreamUrlSigner.TTL.compareTo(TokenService.ACCESS_TTL) > 0 ? StreamUrlSigner.TTL
                : TokenService.ACCESS_TTL;
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.substring(jwt.indexOf('.') + 1, jwt.lastIndexOf('.'));
        try {
            return TestServer.JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] oldAccessKey(TestServer server) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve(DB));
             var s = c.prepareStatement("SELECT key_bytes FROM server_keys WHERE name = ?")) {
            s.setString(1, TokenService.KEYS);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode rotate(TestServer server) {
        String admin;
        try {
            admin = Files.readString(server.dataDir().resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> r = server.send(server.request("/api/v1/admin/keys/rotate")
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private static String streamUrl(TestServer server, String track, String token) {
        HttpResponse<String> r = server.get("/api/v1/tracks/" + track + "/stream-url", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r).path("url").asText();
    }

    private static int play(TestServer server, String url) {
        String path = url.startsWith("http") ? url.substring(url.indexOf("/api/")) : url;
        return server.send(server.request(path).GET().build()).statusCode();
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        try {
            return TestServer.JSON.readTree(header).path("kid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> databaseFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(DB)).toList();
        }
    }
}
