package dance.normal.server;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.Market;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the HTTP layer guarantees whatever the handler: URLs never built from the Host header, a slow body cut off,
 * nosniff everywhere and no-store on account answers, metrics for the operator only, and numbers taken exactly.
 */
class HttpHardeningIT {

    private static final String EVIL = "evil.example";

    /** A request written by hand on a raw socket; the answer read until the server closes or it is complete. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** Headers and, by Content-Length, the body of one answer. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnTheDefaults {

        private TestServer server;
        private String listener;
        private String trackId;

        @BeforeAll
        void start() {
            server = TestServer.start();
            listener = server.listenerToken();
            String artist = server.signup("artist").get("accessToken").asText();
            trackId = TrackUploads.upload(server, artist, Fixtures.audio("mp3", 2, "Host Test")).get("id").asText();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void streamUrlNeverEchoesAHostileHostHeader() throws Exception {
            String answer = raw(server.server().port(), "GET /api/v1/tracks/" + trackId + "/stream-url HTTP/1.1\r\n"
                    + "Host: " + EVIL + "\r\nX-Forwarded-Host: " + EVIL + "\r\nAuthorization: Bearer " + listener
                    + "\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain(EVIL);
            String url = TestServer.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("url")
                    .asText();
            assertThat(url).startsWith("/api/v1/tracks/" + trackId + "/stream?");
            // Relative to the server the client asked, it plays.
            HttpResponse<byte[]> stream = server.sendBytes(HttpRequest.newBuilder(URI.create(server.url(url)))
                    .header("Range", "bytes=0-9").build());
            assertThat(stream.statusCode()).isEqualTo(206);
            assertThat(stream.headers().firstValue("Cache-Control")).hasValue("private, max-age=3600");
        }

        @Test
        void everyAnswerSaysNosniffErrorsAndStreamsIncluded() throws Exception {
            String stream = server.get("/api/v1/tracks/" + trackId + "/stream-url", listener).body();
            List<HttpResponse<String>> answers = List.of(
                    server.get("/health", null),
                    server.get("/api/v1/tracks", null),
                    server.get("/api/v1/tracks/" + UUID.randomUUID(), null),
                    server.get("/no/such/thing", null),
                    server.get("/api/v1/me", null),
                    server.get(TestServer.JSON.readTree(stream).get("url").asText(), null),
                    server.postJson("/api/v1/auth/login", null, "{not json"));
            assertThat(answers).allSatisfy(r -> assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as("%s %s", r.request().uri(), r.statusCode()).hasValue("nosniff"));
            // An error Jetty answers itself, before any handler.
            assertThat(raw(server.server().port(), "GET /a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 400").containsIgnoringCase("X-Content-Type-Options: nosniff");
        }

        @Test
        void tokenAndAccountAnswersAreNeverStored() {
            JsonNode pair = server.signup("listener");
            String token = pair.get("accessToken").asText();
            List<HttpResponse<String>> answers = List.of(
                    server.postJson("/api/v1/auth/signup", null, java.util.Map.of("email",
                            "nostore-" + UUID.randomUUID() + "@example.com", "password", "correct horse battery",
                            "role", "listener")),
                    server.postJson("/api/v1/auth/refresh", null, java.util.Map.of("refreshToken",
                            pair.get("refreshToken").asText())),
                    server.get("/api/v1/me", token),
                    server.get("/api/v1/me", null),
                    server.get("/api/v1/me/likes", token),
                    server.get("/api/v1/me/ledger", token),
                    server.get("/api/v1/me/holdings", token),
                    server.get("/api/v1/tracks/" + trackId + "/stream-url", token));
            assertThat(answers).allSatisfy(r -> assertThat(r.headers().firstValue("Cache-Control"))
                    .as("%s %s", r.request().uri(), r.statusCode()).hasValue("no-store"));
        }

        @Test
        void metricsNeedTheAdminToken() {
            assertProblem(server.get("/metrics", null), 401, "unauthenticated");
            assertProblem(server.get("/metrics", listener), 401, "unauthenticated");
            HttpResponse<String> r = server.get("/metrics", server.adminToken());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("nd_http_requests_seconds");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "1.0", "2.5e0", "1e400", "9223372036854775808", "-9223372036854775809"})
        void aQuoteForAFractionalOrOutOfRangeQuantityIsRefusedNotRounded(String quantity) {
            Market market = Market.open(server, 100, 1_000_000, 5000, null);
            Buyer buyer = Buyer.signUp(server);
            HttpResponse<String> r = server.postJson("/api/v1/quotes", buyer.token(),
                    "{\"trackId\":\"" + market.trackId() + "\",\"quantity\":" + quantity + "}");

            JsonNode problem = assertProblem(r, 400, "bad-request");
            assertThat(problem.get("detail").asText()).contains("\"quantity\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1000000.5", "5000000.0", "1e30", "99999999999999999999"})
        void aTopUpOfAFractionalOrOutOfRangeAmountIsRefusedAndTakesNoMoney(String amount) {
            Buyer buyer = Buyer.signUp(server);
            HttpResponse<String> r = server.send(server.request("/api/v1/me/topups")
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + buyer.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amountMicros\":" + amount
                            + ",\"paymentMethod\":\"" + Buyer.GOOD_CARD + "\"}")).build());

            JsonNode problem = assertProblem(r, 400, "bad-request");
            assertThat(problem.get("detail").asText()).contains("\"amountMicros\"");
            assertThat(TestServer.json(server.get("/api/v1/me/ledger", buyer.token())).toString())
                    .doesNotContainIgnoringCase("topup");
        }

        @Test
        void aPurchaseBodyWithANumberForTheQuoteIdIsRefused() {
            Buyer buyer = Buyer.signUp(server);
            HttpResponse<String> r = server.send(server.request("/api/v1/purchases")
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + buyer.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quoteId\":{\"a\":1.5},\"signature\":\"x\"}"))
                    .build());

            JsonNode problem = assertProblem(r, 400, "bad-request");
            assertThat(problem.get("detail").asText()).contains("\"quoteId\"");
        }
    }

    /** A server that wants at least 1 KiB/s of a request body, and closes idle connections after 3 s. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SlowClients {

        private TestServer server;

        @BeforeAll
        void start() {
            server = TestServer.start(Databases.Kind.SQLITE, c -> c.withHttp(c.http()
                    .withMinRequestBytesPerSecond(1024).withIdleTimeout(Duration.ofSeconds(3))));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void aBodyTrickledAByteAtATimeIsCutOff() throws Exception {
            String body = "{\"email\":\"" + "x".repeat(400) + "@example.com\",\"password\":\"whatever-it-is\"}";
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
                socket.setSoTimeout(200);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // One byte every 100 ms (10 bytes/s, each well inside the idle timeout), until the server gives up.
                boolean closed = false;
                int sent = 0;
                InputStream in = socket.getInputStream();
                while (!closed && System.nanoTime() < deadline) {
                    if (sent < body.length()) {
                        try {
                            out.write(body.charAt(sent++));
                            out.flush();
                        } catch (SocketException e) {
                            closed = true;
                            break;
                        }
                    }
                    try {
                        int b;
                        while ((b = in.read()) >= 0) {
                            // an answer (408 or 400) may come first; the close follows
                            assertThat(b).isNotNegative();
                        }
                        closed = true;
                    } catch (SocketTimeoutException e) {
                        // still open: the next byte
                    } catch (SocketException e) {
                        closed = true;
                    }
                }
                assertThat(closed).as("the server closed the connection within 15 s, after %d of %d bytes", sent,
                        body.length()).isTrue();
                assertThat(sent).isLessThan(body.length());
            }
            // A prompt client is served as before.
            assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
            assertThat(server.postJson("/api/v1/auth/login", null, java.util.Map.of("email", "a@example.com",
                    "password", "not the password")).statusCode()).isEqualTo(401);
        }
    }

    /** With {@code --metrics-port}: metrics only there, on loopback, and nothing else there. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MetricsPort {

        private TestServer server;

        @BeforeAll
        void start() {
            server = TestServer.start(Databases.Kind.SQLITE, c -> c.withHttp(c.http().withMetricsPort(0)));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void metricsAreServedOnTheLoopbackPortOnly() throws Exception {
            int port = server.server().metricsPort();
            assertThat(port).isPositive().isNotEqualTo(server.server().port());
            assertThat(server.get("/api/v1/tracks", null).statusCode()).isEqualTo(200);

            String metrics = raw(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(metrics).startsWith("HTTP/1.1 200").contains("nd_http_requests_seconds");
            assertThat(raw(port, "GET /api/v1/tracks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 404");
            // Not on the main port, not even with the admin token.
            assertProblem(server.get("/metrics", server.adminToken()), 404, "not-found");
            assertThat(server.get("/api/v1/tracks", null).statusCode()).isEqualTo(200);

            var bound = server.server().metricsAddress().orElseThrow();
            assertThat(bound.isLoopbackAddress()).as("metrics bound to %s", bound).isTrue();
        }
    }
}
