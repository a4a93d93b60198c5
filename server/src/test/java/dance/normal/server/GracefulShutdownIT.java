package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping the server lets a stream in flight finish, and turns new requests away while it drains. */
class GracefulShutdownIT {

    @Test
    void streamInFlightFinishesWhileTheServerStops() throws Exception {
        TestServer server = TestServer.start();
        try {
            String artist = server.signup("artist").get("accessToken").asText();
            byte[] audio = Files.readAllBytes(Fixtures.audio("wav", 40, "Long Goodbye"));
            var body = Fixtures.Multipart.of(Map.of("file", audio));
            HttpResponse<String> uploaded = server.send(server.request("/api/v1/tracks")
                    .header("Authorization", "Bearer " + artist)
                    .header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).build());
            assertThat(uploaded.statusCode()).isEqualTo(201);
            JsonNode track = TestServer.json(uploaded);
            String listener = server.listenerToken();

            HttpResponse<InputStream> stream = server.http().send(server.request("/api/v1/tracks/"
                            + track.get("id").asText() + "/stream")
                    .header("Authorization", "Bearer " + listener).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long received = 0;
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = stream.body()) {
                int n = in.read(buf);
                sha.update(buf, 0, n);
                received += n;
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.server()::close);
                // Draining has begun once new requests are turned away; the stream is still open, so the stop waits.
                HttpResponse<String> meanwhile = server.get("/api/v1/tracks", null);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (meanwhile.statusCode() != 503 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    meanwhile = server.get("/api/v1/tracks", null);
                }
                assertThat(stopping).isNotDone();
                assertThat(meanwhile.statusCode()).isEqualTo(503);
                assertThat(meanwhile.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    received += n;
                    Thread.sleep(1);
                }
                stopping.get();
            }
            assertThat(received).isEqualTo(audio.length);
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(track.get("sha256").asText());
        } finally {
            server.close();
        }
    }
}
