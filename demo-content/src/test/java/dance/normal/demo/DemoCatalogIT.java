package dance.normal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code --demo}: a fresh server has a catalog worth playing, published like any upload. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCatalogIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withDemo(true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void demoCatalogHasArtistsReleasesAndTracksInSeveralFormatsWithArtwork() {
        JsonNode page = TestServer.json(server.get("/api/v1/tracks?limit=100", null));
        Set<String> artists = new HashSet<>();
        Set<String> releases = new HashSet<>();
        Set<String> formats = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode t : page.get("items")) {
            artists.add(t.get("artistId").asText());
            releases.add(t.get("releaseId").asText());
            formats.add(t.get("format").asText());
            titles.add(t.get("title").asText());
            assertThat(t.get("durationMs").asLong()).isBetween(30_000L, 45_000L);
            assertThat(t.get("artworkUrl").asText()).startsWith("/api/v1/media/");
            assertThat(t.get("loudnessLufs")).isNotNull();
            // Demo tracks are published like uploads, so their peak is measured: the mastering limiter keeps samples
            // under -1.4 dBFS, and the lossy encoders' overshoot stays well short of full scale.
            assertThat(t.get("peakDbfs")).as("peak of %s", t.get("title")).isNotNull();
            assertThat(t.get("peakDbfs").asDouble()).as("peak of %s", t.get("title")).isBetween(-12.0, 0.0);
        }
        assertThat(page.get("items")).hasSizeGreaterThanOrEqualTo(24);
        assertThat(titles).hasSameSizeAs(page.get("items"));
        assertThat(artists).hasSizeGreaterThanOrEqualTo(5);
        assertThat(releases).hasSizeGreaterThanOrEqualTo(6);
        assertThat(formats).hasSizeGreaterThanOrEqualTo(3);

        JsonNode first = page.get("items").get(0);
        HttpResponse<byte[]> cover = server.sendBytes(server.request(first.get("artworkUrl").asText()).GET().build());
        assertThat(cover.statusCode()).isEqualTo(200);
        assertThat(cover.headers().firstValue("Content-Type")).hasValue("image/png");

        JsonNode artist = TestServer.json(server.get("/api/v1/artists/" + first.get("artistId").asText(), null));
        assertThat(artist.get("bio").asText()).isNotBlank();
        assertThat(artist.get("releases")).isNotEmpty();
    }

    @Test
    void demoTracksStreamToAListener() {
        String token = server.listenerToken();
        JsonNode track = TestServer.json(server.get("/api/v1/tracks?q=rain&limit=1", null)).get("items").get(0);
        HttpResponse<byte[]> audio = server.sendBytes(server.request("/api/v1/tracks/" + track.get("id").asText()
                + "/stream").header("Authorization", "Bearer " + token).GET().build());

        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat((long) audio.body().length).isEqualTo(track.get("sizeBytes").asLong());
        assertThat(audio.headers().firstValue("Content-Type")).hasValue(track.get("mimeType").asText());
    }

    @Test
    void severalDemoTracksHaveOfferingsPartlySoldToHoldersWhoEarnedFromPlays() {
        List<String> offered = offeredTracks(server);
        assertThat(offered).hasSizeGreaterThanOrEqualTo(4);
        for (String trackId : offered) {
            JsonNode offering = TestServer.json(server.get("/api/v1/offerings/" + trackId, null));
            assertThat(offering.get("sold").asLong()).as("sold of %s", trackId).isPositive();
            assertThat(offering.get("available").asLong()).as("left of %s", trackId).isPositive();
        }
        MoneyInvariants.check(server, server.adminToken());
    }

    @Test
    void theDemoArtistSignsInFromTheCredentialsFileAndHasEarningsOverTheWeeksAndHolders() throws Exception {
        Path file = server.dataDir().resolve("demo-artist.credentials");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).hasSizeGreaterThanOrEqualTo(20);
        HttpResponse<String> login = server.postJson("/api/v1/auth/login", null,
                Map.of("email", lines.get(0), "password", lines.get(1)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode me = TestServer.json(login).get("me");
        assertThat(me.get("role").asText()).isEqualTo("artist");
        String token = TestServer.json(login).get("accessToken").asText();
        String artistId = me.get("artist").get("id").asText();

        JsonNode earnings = TestServer.json(server.get("/api/v1/studio/earnings?days=30", token));
        long salesDays = 0;
        long playDays = 0;
        for (JsonNode day : earnings.get("byDay")) {
            salesDays += day.get("salesMicros").asLong() > 0 ? 1 : 0;
            playDays += day.get("playsMicros").asLong() > 0 ? 1 : 0;
        }
        assertThat(salesDays).as("days with sales").isGreaterThanOrEqualTo(3);
        assertThat(playDays).as("days with settled plays").isGreaterThanOrEqualTo(20);
        assertThat(earnings.get("earnedMicros").asLong()).isPositive();
        assertThat(earnings.get("byTrack")).isNotEmpty();

        String ownOffered = null;
        for (String trackId : offeredTracks(server)) {
            if (TestServer.json(server.get("/api/v1/tracks/" + trackId, null)).get("artistId").asText()
                    .equals(artistId)) {
                ownOffered = trackId;
            }
        }
        assertThat(ownOffered).as("an offering on the demo artist's own track").isNotNull();
        JsonNode holders = TestServer.json(server.get("/api/v1/studio/tracks/" + ownOffered + "/holders", token));
        assertThat(holders.get("holders")).isNotEmpty();
        assertThat(holders.get("holders").get(0).get("earnedMicros").asLong()).isPositive();
        JsonNode page = TestServer.json(server.get("/api/v1/artists/" + artistId, null));
        assertThat(page.get("releases")).as("a published release").isNotEmpty();

        // Two drafts: the artist may stream them, a listener cannot find or stream them.
        Map<String, String> drafts = drafts(token);
        assertThat(drafts).hasSize(2);
        String listener = server.listenerToken();
        for (Map.Entry<String, String> draft : drafts.entrySet()) {
            assertThat(server.get("/api/v1/tracks/" + draft.getKey() + "/stream-url", token).statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/v1/tracks/" + draft.getKey() + "/stream-url", listener).statusCode())
                    .isEqualTo(404);
            assertThat(server.get("/api/v1/tracks/" + draft.getKey(), null).statusCode()).isEqualTo(404);
            String q = URLEncoder.encode(draft.getValue(), StandardCharsets.UTF_8);
            assertThat(TestServer.json(server.get("/api/v1/tracks?q=" + q, null)).get("items").findValuesAsText("id"))
                    .doesNotContain(draft.getKey());
        }
    }

    /** The artist's drafts (id to title), as the Studio lists them. */
    private static Map<String, String> drafts(String token) {
        Map<String, String> drafts = new HashMap<>();
        HttpResponse<String> r = server.get("/api/v1/studio/tracks", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode t : TestServer.json(r).get("tracks")) {
            if (t.get("status").asText().equals("draft")) {
                drafts.put(t.get("id").asText(), t.get("title").asText());
            }
        }
        return drafts;
    }

    private static List<String> offeredTracks(TestServer on) {
        List<String> offered = new ArrayList<>();
        for (JsonNode t : TestServer.json(on.get("/api/v1/tracks?limit=100", null)).get("items")) {
            if (on.get("/api/v1/offerings/" + t.get("id").asText(), null).statusCode() == 200) {
                offered.add(t.get("id").asText());
            }
        }
        return offered;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void secondStartDoesNotAddTheDemoCatalogAgain() throws Exception {
        int before = TestServer.json(server.get("/api/v1/tracks?limit=100", null)).get("items").size();
        List<String> offeredBefore = offeredTracks(server);
        byte[] credentials = Files.readAllBytes(server.dataDir().resolve("demo-artist.credentials"));
        server.server().close();
        try (TestServer again = TestServer.restart(server.dataDir(), c -> c.withDemo(true))) {
            int after = TestServer.json(again.get("/api/v1/tracks?limit=100", null)).get("items").size();
            assertThat(after).isEqualTo(before);
            assertThat(offeredTracks(again)).isEqualTo(offeredBefore);
            assertThat(Files.readAllBytes(again.dataDir().resolve("demo-artist.credentials"))).isEqualTo(credentials);
            MoneyInvariants.check(again, again.adminToken());
        }
    }
}
