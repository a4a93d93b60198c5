package dance.normal.sync.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Studio client puts on the wire (MockWebServer on loopback); the real routes are in the app's StudioIT. */
class StudioClientTest {

    private static final String RELEASE = "{\"id\":\"r 1\",\"title\":\"Tides\",\"year\":2026,\"trackIds\":[\"t2\","
            + "\"t1\"],\"published\":0}";

    private MockWebServer server;
    private ApiClient api;
    private StudioClient studio;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        TokenStore tokens = TokenStore.inMemory();
        tokens.save(new TokenPair("access", "refresh", "Bearer", 900, null));
        api = new ApiClient(server.url("/").uri(), tokens, ApiClient.Options.defaults(), Clock.systemUTC());
        studio = new StudioClient(api);
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void aCoverIsSentAsTheImageItselfWithItsType() throws Exception {
        server.enqueue(json(RELEASE));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        StudioRelease release = studio.cover("r 1", png, "image/png");

        RecordedRequest put = server.takeRequest();
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getUrl().encodedPath()).isEqualTo("/api/v1/studio/releases/r+1/cover");
        assertThat(put.getHeaders().get("Content-Type")).isEqualTo("image/png");
        assertThat(put.getHeaders().get("Authorization")).isEqualTo("Bearer access");
        assertThat(put.getBody().toByteArray()).isEqualTo(png);
        assertThat(release.trackIds()).containsExactly("t2", "t1");
    }

    @Test
    void editsAndReleasesAreJsonAtTheirRoutes() throws Exception {
        server.enqueue(json("{\"id\":\"t1\",\"status\":\"draft\",\"title\":\"Harbour\",\"durationMs\":1000,"
                + "\"previewStartMs\":5000,\"hasOffering\":false}"));
        server.enqueue(json(RELEASE));
        server.enqueue(new MockResponse.Builder().code(204).build());

        assertThat(studio.edit("t1", new TrackEdit(null, null, null, null, null, 5000L)).previewStartMs())
                .isEqualTo(5000);
        studio.createRelease(new ReleaseRequest("Tides", 2026, List.of("t2", "t1")));
        assertThat(studio.publishRelease("r1", true)).as("no body: read the releases again").isNull();

        RecordedRequest edit = server.takeRequest();
        assertThat(edit.getMethod()).isEqualTo("PATCH");
        assertThat(edit.getUrl().encodedPath()).isEqualTo("/api/v1/studio/tracks/t1");
        assertThat(edit.getBody().utf8()).contains("\"previewStartMs\":5000");
        RecordedRequest create = server.takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(create.getBody().utf8()).contains("\"trackIds\":[\"t2\",\"t1\"]");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/studio/releases/r1/publish");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }
}
