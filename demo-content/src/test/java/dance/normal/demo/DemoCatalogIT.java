package dance.normal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.util.HashSet;
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
    @Order(Integer.MAX_VALUE)
    void secondStartDoesNotAddTheDemoCatalogAgain() {
        int before = TestServer.json(server.get("/api/v1/tracks?limit=100", null)).get("items").size();
        server.server().close();
        try (TestServer again = TestServer.restart(server.dataDir(), c -> c.withDemo(true))) {
            int after = TestServer.json(again.get("/api/v1/tracks?limit=100", null)).get("items").size();
            assertThat(after).isEqualTo(before);
        }
    }
}
