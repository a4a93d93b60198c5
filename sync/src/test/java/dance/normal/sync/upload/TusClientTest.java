package dance.normal.sync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.auth.TokenPair;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.BadResponseException;
import dance.normal.sync.api.TokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tus requests as they go on the wire, and the answers as they are read. */
class TusClientTest {

    @TempDir
    Path dir;

    private MockWebServer server;
    private ApiClient api;
    private TusClient tus;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        TokenStore tokens = TokenStore.inMemory();
        tokens.save(new TokenPair("access-1", "refresh-1", "Bearer", 600, null));
        api = new ApiClient(server.url("/").uri(), tokens);
        tus = new TusClient(api);
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void creationSendsTheLengthAndTheNamesInBase64WithTheSession() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "/api/v1/uploads/abc").build());

        String url = tus.create(1234, "Été.flac", "Première");

        assertThat(url).isEqualTo(server.url("/api/v1/uploads/abc").toString());
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(request.getHeaders().get("Upload-Length")).isEqualTo("1234");
        assertThat(request.getHeaders().get("Upload-Metadata"))
                .isEqualTo("filename w4l0w6kuZmxhYw==,title UHJlbWnDqHJl");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer access-1");
        assertThat(TusClient.uploadId(url)).isEqualTo("abc");
    }

    @Test
    void anUploadAddressOnAnotherServerIsRefusedBeforeTheTokenGoesThere() {
        server.enqueue(new MockResponse.Builder().code(201)
                .addHeader("Location", "http://evil.example/api/v1/uploads/abc").build());

        assertThatThrownBy(() -> tus.create(10, "a.mp3", null)).isInstanceOf(BadResponseException.class)
                .hasMessageContaining("not its own");
        assertThatThrownBy(() -> tus.offset(server.url("/api/v1/me").toString()))
                .isInstanceOf(BadResponseException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPatchSendsItsPartOfTheFileAtItsOffsetAndReadsEachAnswer() throws Exception {
        Path file = Files.write(dir.resolve("a.flac"), "0123456789".getBytes());
        String url = server.url("/api/v1/uploads/abc").toString();
        server.enqueue(new MockResponse.Builder().code(204).addHeader("Upload-Offset", "7").build());
        server.enqueue(new MockResponse.Builder().code(409).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(204).addHeader("Track-Id", "t-9").build());
        List<Long> written = new ArrayList<>();

        assertThat(tus.patch(url, file, 3, 4, false, written::add)).isEqualTo(new TusClient.Sent.Accepted(7));
        assertThat(tus.patch(url, file, 7, 3, true, x -> { })).isEqualTo(new TusClient.Sent.Conflict());
        assertThat(tus.patch(url, file, 7, 3, true, x -> { })).isEqualTo(new TusClient.Sent.Gone());
        assertThat(tus.patch(url, file, 7, 3, true, x -> { })).isEqualTo(new TusClient.Sent.Finished("t-9"));

        RecordedRequest first = server.takeRequest();
        assertThat(first.getMethod()).isEqualTo("PATCH");
        assertThat(first.getHeaders().get("Upload-Offset")).isEqualTo("3");
        assertThat(first.getHeaders().get("Content-Type")).isEqualTo("application/offset+octet-stream");
        assertThat(first.getBody().utf8()).isEqualTo("3456");
        assertThat(written).startsWith(0L).endsWith(4L);
    }

    @Test
    void theLastPatchRefusedCarriesTheServersProblem() throws Exception {
        Path file = Files.write(dir.resolve("a.flac"), "0123".getBytes());
        server.enqueue(new MockResponse.Builder().code(415).setHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://normal.dance/problems/unsupported-media\",\"title\":\"Not an audio file\","
                        + "\"status\":415,\"detail\":\"The FLAC stream ends early.\"}").build());

        TusClient.Sent sent = tus.patch(server.url("/api/v1/uploads/x").toString(), file, 0, 4, true, x -> { });

        assertThat(sent).isInstanceOfSatisfying(TusClient.Sent.Refused.class, r -> {
            assertThat(r.problem().detail()).isEqualTo("The FLAC stream ends early.");
            assertThat(UploadQueue.slug(r.problem())).isEqualTo("unsupported-media");
        });
    }

    @Test
    void headReadsTheOffsetAndAnUploadTheServerForgotIsEmpty() {
        String url = server.url("/api/v1/uploads/abc").toString();
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Upload-Offset", "42").build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(204).build());

        assertThat(tus.offset(url)).contains(42L);
        assertThat(tus.offset(url)).isEmpty();
        tus.terminate(url);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void metadataLeavesOutAnEmptyTitle() {
        assertThat(TusClient.metadata("a.mp3", " ")).isEqualTo("filename YS5tcDM=");
    }
}
