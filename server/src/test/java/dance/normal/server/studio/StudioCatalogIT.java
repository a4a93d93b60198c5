package dance.normal.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.ProblemAssert;
import dance.normal.server.support.Studio;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Studio's catalog routes against a real server on SQLite and on PostgreSQL: editing a track (and 422 naming the
 * field), releases with their order and cover, publishing and unpublishing a track or a whole release, and that
 * another artist's ids answer 404 and a listener 403.
 */
class StudioCatalogIT {

    private static final Map<Databases.Kind, TestServer> SERVERS = new EnumMap<>(Databases.Kind.class);

    private static synchronized TestServer server(Databases.Kind kind) {
        return SERVERS.computeIfAbsent(kind, k -> TestServer.start(k, c -> c));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        SERVERS.clear();
    }

    private static String unique(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anArtistEditsATrackAndListenersSeeTheEdit(Databases.Kind kind) {
        TestServer server = server(kind);
        String artist = server.signup("artist").get("accessToken").asText();
        JsonNode first = Studio.published(server, artist, unique("First"), unique("Edits"));
        JsonNode second = Studio.published(server, artist, unique("Second"), unique("Edits"));

        JsonNode mine = Studio.ok(server.get("/api/v1/studio/tracks", artist));
        assertThat(mine.path("tracks").findValuesAsText("id")).containsExactly(second.get("id").asText(),
                first.get("id").asText());
        JsonNode listed = mine.path("tracks").get(0);
        assertThat(listed.path("status").asText()).isEqualTo("published");
        assertThat(listed.has("uploadId")).as("a multipart upload has no upload id").isFalse();
        assertThat(listed.path("previewStartMs").asLong()).isZero();
        assertThat(listed.path("publishedAt").asText()).isNotBlank();

        String path = "/api/v1/studio/tracks/" + first.get("id").asText();
        JsonNode edited = Studio.ok(Studio.patch(server, path, artist, Map.of("title", "  Renamed Song ",
                "genre", "Dub", "year", 2024, "trackNumber", 7, "previewStartMs", 0)));
        assertThat(edited.path("title").asText()).isEqualTo("Renamed Song");
        assertThat(edited.path("genre").asText()).isEqualTo("Dub");
        assertThat(edited.path("year").asInt()).isEqualTo(2024);
        assertThat(edited.path("trackNumber").asInt()).isEqualTo(7);
        JsonNode seen = TestServer.json(server.get("/api/v1/tracks/" + first.get("id").asText(), null));
        assertThat(seen.path("title").asText()).isEqualTo("Renamed Song");
        assertThat(TestServer.json(server.get("/api/v1/tracks?q=renamed%20so", null)).path("items")
                .findValuesAsText("id")).contains(first.get("id").asText());

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("title", Map.of("title", " "));
        bad.put("trackNumber", Map.of("trackNumber", 0));
        bad.put("year", Map.of("year", 1800));
        bad.put("genre", Map.of("genre", "x".repeat(101)));
        bad.put("previewStartMs", Map.of("previewStartMs", 1));
        bad.put("releaseId", Map.of("releaseId", UUID.randomUUID().toString()));
        bad.forEach((field, body) -> {
            HttpResponse<String> r = Studio.patch(server, path, artist, body);
            problem(r, 422);
            assertThat(TestServer.json(r).path("detail").asText()).as(field).startsWith(field + " ");
        });
        assertThat(TestServer.json(server.get("/api/v1/tracks/" + first.get("id").asText(), null)).path("title")
                .asText()).as("nothing changed by a refused edit").isEqualTo("Renamed Song");

        // The Studio's preview start is the artist's, else the quality report's suggestion.
        String secondId = second.get("id").asText();
        JsonNode report = Studio.ok(server.get("/api/v1/studio/tracks/" + secondId + "/report", artist));
        JsonNode studioTrack = Studio.ok(server.get("/api/v1/studio/tracks", artist)).path("tracks").get(0);
        assertThat(studioTrack.path("id").asText()).isEqualTo(secondId);
        assertThat(studioTrack.path("previewStartMs").asLong())
                .isEqualTo(report.path("suggestedPreviewStartMs").asLong());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aReleaseIsMadeOrderedRenamedAndCovered(Databases.Kind kind) {
        TestServer server = server(kind);
        String artist = server.signup("artist").get("accessToken").asText();
        String a = Studio.published(server, artist, unique("Alpha"), unique("Loose")).get("id").asText();
        String b = Studio.published(server, artist, unique("Beta"), unique("Loose")).get("id").asText();
        String title = unique("Album");

        HttpResponse<String> made = Studio.post(server, "/api/v1/studio/releases", artist,
                Map.of("title", title, "year", 2025, "trackIds", List.of(b, a)));
        assertThat(made.statusCode()).isEqualTo(201);
        JsonNode release = TestServer.json(made);
        String id = release.get("id").asText();
        assertThat(texts(release.path("trackIds"))).containsExactly(b, a);
        assertThat(release.path("published").asInt()).isEqualTo(2);
        assertThat(trackOrder(server, id)).containsExactly(b, a);

        JsonNode reordered = Studio.ok(Studio.patch(server, "/api/v1/studio/releases/" + id, artist,
                Map.of("trackIds", List.of(a, b), "title", title + " (Deluxe)")));
        assertThat(texts(reordered.path("trackIds"))).containsExactly(a, b);
        assertThat(trackOrder(server, id)).containsExactly(a, b);
        JsonNode page = TestServer.json(server.get("/api/v1/releases/" + id, null));
        assertThat(page.path("title").asText()).isEqualTo(title + " (Deluxe)");
        assertThat(page.path("tracks").get(0).path("trackNumber").asInt()).isEqualTo(1);
        assertThat(page.path("tracks").get(0).path("releaseTitle").asText()).isEqualTo(title + " (Deluxe)");

        problem(Studio.post(server, "/api/v1/studio/releases", artist,
                Map.of("title", title + " (Deluxe)")), 409);
        problem(Studio.post(server, "/api/v1/studio/releases", artist, Map.of("year", 2020)),
                422);
        HttpResponse<String> twice = Studio.patch(server, "/api/v1/studio/releases/" + id, artist,
                Map.of("trackIds", List.of(a, a)));
        problem(twice, 422);
        assertThat(TestServer.json(twice).path("detail").asText()).startsWith("trackIds ").contains("index 1");

        String other = server.signup("artist").get("accessToken").asText();
        String theirs = Studio.published(server, other, unique("Theirs"), unique("Theirs")).get("id").asText();
        HttpResponse<String> foreign = Studio.patch(server, "/api/v1/studio/releases/" + id, artist,
                Map.of("trackIds", List.of(theirs)));
        problem(foreign, 422);
        assertThat(TestServer.json(foreign).path("detail").asText()).startsWith("trackIds ").contains("index 0");

        JsonNode covered = Studio.ok(Studio.put(server, "/api/v1/studio/releases/" + id + "/cover", artist,
                "image/png", pngBytes()));
        String art = covered.path("artworkUrl").asText();
        assertThat(art).startsWith("/api/v1/media/");
        HttpResponse<String> image = server.get(art, null);
        assertThat(image.statusCode()).as("a published release's cover is public").isEqualTo(200);
        assertThat(TestServer.json(server.get("/api/v1/tracks/" + a, null)).path("artworkUrl").asText())
                .isEqualTo(art);
        problem(Studio.put(server, "/api/v1/studio/releases/" + id + "/cover", artist,
                "image/png", "not an image at all".getBytes(StandardCharsets.UTF_8)), 415);
        problem(Studio.put(server, "/api/v1/studio/releases/" + id + "/cover", artist,
                "image/png", new byte[6 * 1024 * 1024]), 413);

        JsonNode listed = Studio.ok(server.get("/api/v1/studio/releases", artist));
        assertThat(listed.path("releases").findValuesAsText("id")).contains(id);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aReleaseIsUnpublishedAndPublishedAtOnce(Databases.Kind kind) {
        TestServer server = server(kind);
        String artist = server.signup("artist").get("accessToken").asText();
        String releaseTitle = unique("Whole");
        JsonNode one = Studio.published(server, artist, unique("One"), releaseTitle);
        Studio.published(server, artist, unique("Two"), releaseTitle);
        String id = one.get("releaseId").asText();

        JsonNode off = Studio.ok(Studio.post(server, "/api/v1/studio/releases/" + id + "/unpublish", artist, null));
        assertThat(off.path("published").asInt()).isZero();
        assertThat(off.path("trackIds")).hasSize(2);
        assertThat(server.get("/api/v1/releases/" + id, null).statusCode()).isEqualTo(404);
        assertThat(Studio.ok(server.get("/api/v1/studio/tracks", artist)).path("tracks").findValuesAsText("status"))
                .containsOnly("draft");

        JsonNode on = Studio.ok(Studio.post(server, "/api/v1/studio/releases/" + id + "/publish", artist, null));
        assertThat(on.path("published").asInt()).isEqualTo(2);
        assertThat(TestServer.json(server.get("/api/v1/releases/" + id, null)).path("tracks")).hasSize(2);

        JsonNode track = Studio.ok(Studio.post(server, "/api/v1/studio/tracks/" + one.get("id").asText()
                + "/unpublish", artist, null));
        assertThat(track.path("status").asText()).isEqualTo("draft");
        assertThat(track.has("publishedAt")).isFalse();
        assertThat(TestServer.json(server.get("/api/v1/releases/" + id, null)).path("tracks")).hasSize(1);
        track = Studio.ok(Studio.post(server, "/api/v1/studio/tracks/" + one.get("id").asText() + "/publish",
                artist, null));
        assertThat(track.path("status").asText()).isEqualTo("published");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aTrackWithAnOfferingStaysPublished(Databases.Kind kind) {
        TestServer server = server(kind);
        String artist = server.signup("artist").get("accessToken").asText();
        JsonNode track = Studio.published(server, artist, unique("Owned"), unique("Owned"));
        assertThat(server.postJson("/api/v1/offerings", artist, Map.of("trackId", track.get("id").asText(),
                "supply", 100, "priceMicros", 1_000_000, "holderShareBp", 1000)).statusCode()).isEqualTo(201);
        problem(Studio.post(server, "/api/v1/studio/tracks/" + track.get("id").asText()
                + "/unpublish", artist, null), 409);
        problem(Studio.post(server, "/api/v1/studio/releases/" + track.get("releaseId").asText()
                + "/unpublish", artist, null), 409);
        assertThat(server.get("/api/v1/tracks/" + track.get("id").asText(), null).statusCode()).isEqualTo(200);
        assertThat(Studio.ok(server.get("/api/v1/studio/tracks", artist)).path("tracks").get(0).path("hasOffering")
                .asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anotherArtistsIdsAreNotFoundAndListenersAreForbidden(Databases.Kind kind) {
        TestServer server = server(kind);
        String owner = server.signup("artist").get("accessToken").asText();
        JsonNode track = Studio.draft(server, owner, unique("Mine"), unique("Mine"));
        String trackPath = "/api/v1/studio/tracks/" + track.get("id").asText();
        String releasePath = "/api/v1/studio/releases/" + track.get("releaseId").asText();
        String other = server.signup("artist").get("accessToken").asText();
        String listener = server.signup("listener").get("accessToken").asText();

        problem(Studio.patch(server, trackPath, other, Map.of("title", "Stolen")), 404);
        problem(Studio.post(server, trackPath + "/publish", other, null), 404);
        problem(Studio.patch(server, releasePath, other, Map.of("title", "Stolen")), 404);
        problem(Studio.post(server, releasePath + "/publish", other, null), 404);
        problem(Studio.put(server, releasePath + "/cover", other, "image/png", pngBytes()), 404);
        assertThat(Studio.ok(server.get("/api/v1/studio/tracks", other)).path("tracks")).isEmpty();
        assertThat(Studio.ok(server.get("/api/v1/studio/releases", other)).path("releases")).isEmpty();
        HttpResponse<String> moveIn = Studio.patch(server, "/api/v1/studio/tracks/" + track.get("id").asText(),
                owner, Map.of("releaseId", ownRelease(server, other)));
        problem(moveIn, 422);

        problem(server.get("/api/v1/studio/tracks", listener), 403);
        problem(Studio.post(server, trackPath + "/publish", listener, null), 403);
        problem(server.get("/api/v1/studio/tracks", null), 401);

        JsonNode mine = Studio.ok(server.get("/api/v1/studio/tracks", owner)).path("tracks").get(0);
        assertThat(mine.path("title").asText()).isEqualTo(track.path("title").asText());
        assertThat(mine.path("status").asText()).isEqualTo("draft");
    }

    /** A problem+json answer of this status, of the type that status has here. */
    private static JsonNode problem(HttpResponse<String> r, int status) {
        String slug = switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media";
            default -> "validation";
        };
        return ProblemAssert.assertProblem(r, status, slug);
    }

    private static String ownRelease(TestServer server, String token) {
        return Studio.ok(Studio.post(server, "/api/v1/studio/releases", token, Map.of("title", unique("Other"))))
                .get("id").asText();
    }

    private static List<String> trackOrder(TestServer server, String releaseId) {
        return texts(TestServer.json(server.get("/api/v1/releases/" + releaseId, null)).path("tracks"), "id");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    private static byte[] pngBytes() {
        try {
            return DraftsInvisibleIT.png();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
