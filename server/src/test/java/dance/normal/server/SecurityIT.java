package dance.normal.server;

import static dance.normal.server.support.ProblemAssert.assertClientProblem;
import static dance.normal.server.support.ProblemAssert.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile values in every path and query parameter: traversal, SQL metacharacters, control characters, unicode and
 * very long strings. Each must be answered with a 4xx problem (never a 500, never a file outside the media store),
 * a search with any text must simply search, and afterwards the catalog must still be there and answer.
 */
class SecurityIT {

    private static final List<String> HOSTILE = List.of(
            "../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "....//....//etc/passwd",
            "..\\..\\windows\\win.ini",
            "/etc/passwd",
            "' OR 1=1 --",
            "' OR '1'='1",
            "\"; DROP TABLE tracks; --",
            "1; DELETE FROM accounts",
            "1 UNION SELECT email, password_hash FROM accounts",
            "%",
            "*",
            "\"",
            "NEAR(a b)",
            "title:x OR artist:y",
            "\u0000",
            "line\r\nX-Injected: yes",
            "\u0442\u0440\u0435\u043a-\uD83C\uDFB5-\u66F2",
            "\u202Egnp.exe",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "-1",
            "99999999999999999999999",
            "x".repeat(3000));

    /** Routes with one path parameter, as a template with {@code %s}, and whether a token is sent. */
    private static final Map<String, Boolean> PATH_ROUTES = new LinkedHashMap<>();

    static {
        PATH_ROUTES.put("/api/v1/tracks/%s", false);
        PATH_ROUTES.put("/api/v1/artists/%s", false);
        PATH_ROUTES.put("/api/v1/releases/%s", false);
        PATH_ROUTES.put("/api/v1/media/%s", false);
        PATH_ROUTES.put("/api/v1/tracks/%s/stream", true);
        PATH_ROUTES.put("/api/v1/tracks/%s/stream-url", true);
    }

    private static TestServer server;
    private static String token;
    private static String trackId;
    private static String trackSha;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        JsonNode artist = server.signup("artist");
        Fixtures.Multipart upload = Fixtures.Multipart.of(Map.of(
                "file", Files.readAllBytes(Fixtures.audio("mp3", 2, "Lantern Harbour")),
                "title", "Lantern Harbour"));
        HttpResponse<String> r = server.send(server.request("/api/v1/tracks")
                .header("Authorization", "Bearer " + artist.path("accessToken").asText())
                .header("Content-Type", upload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        trackId = TestServer.json(r).path("id").asText();
        trackSha = TestServer.json(r).path("sha256").asText();
        token = server.listenerToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void theCatalogIsStillThereAndAnswers() throws Exception {
        HttpResponse<String> search = server.get("/api/v1/tracks?q=lantern", null);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(TestServer.json(search).path("items").findValuesAsText("id")).contains(trackId);
        assertThat(server.get("/api/v1/tracks/" + trackId, null).statusCode()).isEqualTo(200);
        try (Connection c = DriverManager.getConnection(
                "jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db"));
             Statement s = c.createStatement()) {
            for (String table : List.of("accounts", "artists", "releases", "tracks", "sessions", "devices")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).as("table %s exists", table).isTrue();
                }
            }
        }
    }

    static Stream<Arguments> hostilePathParameters() {
        List<Arguments> cases = new ArrayList<>();
        for (var route : PATH_ROUTES.entrySet()) {
            for (String value : HOSTILE) {
                cases.add(Arguments.of(route.getKey(), route.getValue(), "encoded", encodePath(value), label(value)));
                if (isLegalRawPath(value)) {
                    cases.add(Arguments.of(route.getKey(), route.getValue(), "raw", value, label(value)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2} {4}")
    @MethodSource("hostilePathParameters")
    void hostilePathParameterIsAClientProblem(String template, boolean withToken, String how, String rawValue,
                                              String label) {
        HttpResponse<String> r = send("GET", template.formatted(rawValue), withToken);

        assertClientProblem(r);
        assertThat(r.body()).doesNotContain("root:x:0:0");
    }

    static Stream<Arguments> hostileQueryParameters() {
        List<Arguments> cases = new ArrayList<>();
        for (String value : HOSTILE) {
            for (String query : List.of("/api/v1/tracks?cursor=%s", "/api/v1/tracks?limit=%s",
                    "/api/v1/tracks?q=lantern&cursor=%s", "/api/v1/tracks?q=lantern&limit=%s",
                    "/api/v1/sync?since=%s", "/api/v1/sync?limit=%s")) {
                cases.add(Arguments.of(query, URLEncoder.encode(value, StandardCharsets.UTF_8), label(value)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("hostileQueryParameters")
    void hostileCursorLimitOrSinceIsAClientProblem(String template, String encodedValue, String label) {
        assertClientProblem(send("GET", template.formatted(encodedValue), false));
    }

    static Stream<Arguments> forgedCursors() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return Stream.of("k:1' OR 1=1 --:00000000-0000-0000-0000-000000000000",
                        "k:1:' OR 1=1 --", "k:9223372036854775807:\"; DROP TABLE tracks; --", "o:-1",
                        "o:1; DROP TABLE tracks", "o:99999999999", "../../etc/passwd", "")
                .map(raw -> Arguments.of(b64.encodeToString(raw.getBytes(StandardCharsets.UTF_8)), label(raw)));
    }

    @ParameterizedTest(name = "cursor of \"{1}\"")
    @MethodSource("forgedCursors")
    void cursorThatDecodesToSomethingHostileIsRefused(String cursor, String label) {
        HttpResponse<String> listing = send("GET", "/api/v1/tracks?cursor=" + cursor, false);
        HttpResponse<String> search = send("GET", "/api/v1/tracks?q=lantern&cursor=" + cursor, false);

        for (HttpResponse<String> r : List.of(listing, search)) {
            if (cursor.isEmpty()) {
                assertThat(r.statusCode()).isEqualTo(200);
            } else {
                assertClientProblem(r);
            }
        }
    }

    static Stream<Arguments> searchTexts() {
        return HOSTILE.stream().map(v -> Arguments.of(URLEncoder.encode(v, StandardCharsets.UTF_8), label(v)));
    }

    @ParameterizedTest(name = "q={1}")
    @MethodSource("searchTexts")
    void searchWithAnyTextSimplySearches(String encodedQuery, String label) {
        HttpResponse<String> r = send("GET", "/api/v1/tracks?q=" + encodedQuery, false);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = TestServer.json(r);
        assertThat(page.path("items").isArray()).isTrue();
        assertThat(r.body()).doesNotContain("password_hash").doesNotContain("@example.com");
    }

    static Stream<Arguments> hostileSignedUrlParameters() {
        List<Arguments> cases = new ArrayList<>();
        for (String value : HOSTILE) {
            String v = URLEncoder.encode(value, StandardCharsets.UTF_8);
            cases.add(Arguments.of("exp=" + v + "&acct=a&sig=s", label(value)));
            cases.add(Arguments.of("exp=4102444800&acct=" + v + "&sig=s", label(value)));
            cases.add(Arguments.of("exp=4102444800&acct=a&sig=" + v, label(value)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileSignedUrlParameters")
    void hostileSignedUrlParameterIsRefused(String query, String label) {
        HttpResponse<String> r = send("GET", "/api/v1/tracks/" + trackId + "/stream?" + query, false);

        assertClientProblem(r);
        assertThat(r.statusCode()).isIn(401, 403);
    }

    @Test
    void audioIsNeverServedAsAnImageByItsHash() {
        assertClientProblem(send("GET", "/api/v1/media/" + trackSha, false));
        assertClientProblem(send("GET", "/api/v1/media/" + trackSha.toUpperCase(), false));
    }

    @Test
    void mediaHashOfNothingStoredIsNotFound() {
        assertClientProblem(send("GET", "/api/v1/media/" + HexFormat.of().formatHex(new byte[32]), false));
    }

    @Test
    void encodedSlashesAndDotSegmentsNeverReachAFile() {
        for (String path : List.of("/api/v1/media/..%2f..%2fnormal-dance.db",
                "/api/v1/media/%2e%2e/%2e%2e/normal-dance.db",
                "/api/v1/media/..;/..;/normal-dance.db", "/api/v1/tracks/..%5c..%5cnormal-dance.db/stream",
                "/api/v1/media/%252e%252e%252fnormal-dance.db", "/api/v1/../../normal-dance.db",
                "/api/v1/media/..%00/normal-dance.db")) {
            HttpResponse<String> r = send("GET", path, true);
            assertClientProblem(r);
            assertThat(r.body()).doesNotContain("SQLite format");
        }
    }

    @Test
    void veryLongPathIsAClientProblem() {
        HttpResponse<String> r = send("GET", "/api/v1/tracks/" + "a".repeat(20_000), false);

        assertThat(r.statusCode()).isBetween(400, 499);
        assertClientProblem(r);
    }

    @Test
    void veryLongQueryIsAClientProblemOrASearch() {
        HttpResponse<String> r = send("GET", "/api/v1/tracks?q=" + "lantern+".repeat(2000), false);

        assertThat(r.statusCode()).isNotEqualTo(500);
        if (r.statusCode() != 200) {
            assertClientProblem(r);
        }
    }

    @Test
    void repeatedParametersAreHandled() {
        assertThat(send("GET", "/api/v1/tracks?q=lantern&q=%27%20OR%201%3D1", false).statusCode()).isEqualTo(200);
        HttpResponse<String> r = send("GET", "/api/v1/sync?limit=1&limit=%27", false);
        assertThat(r.statusCode()).isNotEqualTo(500);
        assertNoInternals(r.body());
    }

    // ---- helpers

    private static HttpResponse<String> send(String method, String pathAndQuery, boolean withToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(pathAndQuery)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    /** Percent-encodes every byte outside the unreserved set, so the server decodes exactly {@code value}. */
    private static String encodePath(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static boolean isLegalRawPath(String value) {
        try {
            URI.create("http://127.0.0.1/" + value);
            return !value.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String label(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "...(" + value.length() + ")" : printable;
    }
}
