package dance.normal.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Listening;
import dance.normal.server.support.Studio;
import dance.normal.server.support.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drafts are invisible to listeners (decision 0039): every listener-facing route, called with no token, as a
 * listener and as another artist, behaves as if the draft did not exist; only its own artist streams it (the
 * Studio's preview). The draft here was published, heard and then unpublished, so there is something to hide in
 * every place (popular plays, the change feed, search).
 */
class DraftsInvisibleIT {

    private static TestServer server;
    private static String artist;
    private static String artistId;
    private static String listener;
    private static String otherArtist;
    private static JsonNode draft;
    private static JsonNode published;
    private static String coverSha;
    private static final String WORD = "Zq" + UUID.randomUUID().toString().substring(0, 6).replace("-", "x");

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c);
        JsonNode a = server.signup("artist");
        artist = a.get("accessToken").asText();
        artistId = a.path("me").path("artist").path("id").asText(null);
        listener = server.signup("listener").get("accessToken").asText();
        otherArtist = server.signup("artist").get("accessToken").asText();

        published = Studio.published(server, artist, "Open " + WORD, "Shown " + WORD);
        JsonNode heard = Studio.published(server, artist, "Hidden " + WORD, "Hidden Release " + WORD);
        if (artistId == null) {
            artistId = heard.get("artistId").asText();
        }
        // heard and counted while it was published, so "popular" has a reason to list it
        JsonNode plays = Listening.listenAndSend(server, listener, heard.get("id").asText(), 1, 2_000);
        assertThat(plays.path("receipts").get(0).path("qualified").asBoolean()).isTrue();
        assertThat(ids(server.get("/api/v1/popular", null), "tracks", "trackId")).contains(heard.get("id").asText());

        draft = Studio.ok(Studio.post(server, "/api/v1/studio/tracks/" + heard.get("id").asText() + "/unpublish",
                artist, null));
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        JsonNode release = Studio.ok(Studio.put(server, "/api/v1/studio/releases/" + draft.get("releaseId").asText()
                + "/cover", artist, "image/png", png()));
        String url = release.path("artworkUrl").asText();
        coverSha = url.substring(url.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** No token, a listener, another artist. */
    private static List<String> strangers() {
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add(listener);
        tokens.add(otherArtist);
        return tokens;
    }

    private static String id() {
        return draft.get("id").asText();
    }

    @Test
    void theCatalogListingAndSearchLeaveItOut() {
        for (String token : strangers()) {
            HttpResponse<String> all = server.get("/api/v1/tracks?limit=100", token);
            assertThat(ids(all, "items", "id")).doesNotContain(id()).contains(published.get("id").asText());
            assertThat(ids(server.get("/api/v1/tracks?q=hidden%20" + WORD, token), "items", "id")).isEmpty();
            assertThat(ids(server.get("/api/v1/tracks?q=" + WORD, token), "items", "id"))
                    .containsExactly(published.get("id").asText());
        }
    }

    @Test
    void itsTrackReleaseAndArtistPagesDoNotShowIt() {
        for (String token : strangers()) {
            assertThat(server.get("/api/v1/tracks/" + id(), token).statusCode()).isEqualTo(404);
            assertThat(server.get("/api/v1/releases/" + draft.get("releaseId").asText(), token).statusCode())
                    .as("a release whose tracks are all drafts").isEqualTo(404);
            JsonNode page = TestServer.json(server.get("/api/v1/artists/" + artistId, token));
            assertThat(page.path("releases").findValuesAsText("id")).doesNotContain(draft.get("releaseId").asText())
                    .contains(published.get("releaseId").asText());
        }
    }

    @Test
    void popularForgetsIt() {
        for (String token : strangers()) {
            assertThat(ids(server.get("/api/v1/popular", token), "tracks", "trackId")).doesNotContain(id());
        }
    }

    @Test
    void theChangeFeedEndsWithItsDeletionAndItsReleases() {
        Map<String, String> lastOp = new LinkedHashMap<>();
        String since = "";
        boolean more = true;
        while (more) {
            JsonNode page = TestServer.json(server.get("/api/v1/sync?limit=1000&since=" + since, null));
            page.path("changes").forEach(c -> lastOp.put(c.path("entity").asText() + " " + c.path("id").asText(),
                    c.path("op").asText()));
            since = page.path("nextCursor").asText();
            more = page.path("hasMore").asBoolean();
        }
        assertThat(lastOp).containsEntry("TRACK " + id(), "DELETE")
                .containsEntry("RELEASE " + draft.get("releaseId").asText(), "DELETE")
                .containsEntry("TRACK " + published.get("id").asText(), "UPSERT");

        // Editing a draft makes no change a listener sees.
        long before = TestServer.json(server.get("/api/v1/sync?limit=1000", null)).path("changes").size();
        Studio.ok(Studio.patch(server, "/api/v1/studio/tracks/" + id(), artist, Map.of("genre", "Secret")));
        assertThat(TestServer.json(server.get("/api/v1/sync?limit=1000", null)).path("changes").size())
                .isEqualTo(before);
    }

    @Test
    void noOfferingQuoteOrLikeOnADraft() {
        assertThat(server.postJson("/api/v1/offerings", artist, Map.of("trackId", id(), "supply", 100,
                "priceMicros", 1_000_000, "holderShareBp", 1000)).statusCode()).isEqualTo(404);
        for (String token : strangers()) {
            assertThat(server.get("/api/v1/offerings/" + id(), token).statusCode()).isEqualTo(404);
        }
        assertThat(server.postJson("/api/v1/quotes", listener, Map.of("trackId", id(), "quantity", 1))
                .statusCode()).isEqualTo(404);
        HttpResponse<String> like = server.send(server.request("/api/v1/me/likes/" + id())
                .header("Authorization", "Bearer " + listener).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(like.statusCode()).isEqualTo(404);
    }

    @Test
    void onlyItsArtistStreamsItAndPlaysOfItAreNotCounted() {
        for (String token : List.of(listener, otherArtist)) {
            HttpResponse<String> url = server.get("/api/v1/tracks/" + id() + "/stream-url", token);
            assertThat(url.statusCode()).isEqualTo(404);
            assertThat(url.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(server.get("/api/v1/tracks/" + id() + "/stream", token).statusCode()).isEqualTo(404);
        }
        assertThat(server.get("/api/v1/tracks/" + id() + "/stream", null).statusCode()).isEqualTo(401);
        // A signed URL of the artist's, handed to someone else, is still the artist's: it plays, and counts for them.
        byte[] bytes = Listening.stream(server, artist, id(), null, false);
        assertThat(bytes).isNotEmpty();
        HttpResponse<byte[]> bearer = server.sendBytes(HttpRequest.newBuilder(URI.create(server.url(
                "/api/v1/tracks/" + id() + "/stream"))).header("Authorization", "Bearer " + artist)
                .timeout(Duration.ofSeconds(30)).GET().build());
        assertThat(bearer.statusCode()).isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(5));
        JsonNode result = Listening.send(server, artist, List.of(Listening.play(id(),
                server.clock().instant().minusSeconds(4), 2_000)));
        JsonNode receipt = result.path("receipts").get(0);
        assertThat(receipt.path("qualified").asBoolean()).isFalse();
        assertThat(receipt.path("reason").asText()).isEqualTo("DRAFT");
    }

    @Test
    void aPlaylistRefusesADraftsIdAsItRefusesAnIdThatIsNoTrack() {
        for (String token : List.of(listener, otherArtist)) {
            JsonNode unknown = playlistWith(token, UUID.randomUUID().toString());
            JsonNode ofDraft = playlistWith(token, id());
            assertThat(ofDraft.path("status").asInt()).as(ofDraft.toString()).isEqualTo(422);
            assertThat(ofDraft.path("detail").asText().replace(id(), "ID"))
                    .isEqualTo(unknown.path("detail").asText().replaceAll("[0-9a-f-]{36}", "ID"));
            assertThat(playlistWith(token, published.get("id").asText()).path("trackIds").get(0).asText())
                    .isEqualTo(published.get("id").asText());
        }
    }

    private static JsonNode playlistWith(String token, String trackId) {
        return TestServer.json(server.send(server.request("/api/v1/me/playlists").header("Authorization", "Bearer "
                + token).header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Mine\",\"trackIds\":[\""
                + trackId + "\"]}")).build()));
    }

    @Test
    void theCoverOfAReleaseOfDraftsIsOnlyItsArtists() {
        assertThat(server.get("/api/v1/media/" + coverSha, null).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/media/" + coverSha, listener).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/media/" + coverSha, otherArtist).statusCode()).isEqualTo(404);
        HttpResponse<String> own = server.get("/api/v1/media/" + coverSha, artist);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    }

    private static List<String> ids(HttpResponse<String> r, String array, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        TestServer.json(r).path(array).forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xFF3366);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
