package dance.normal.sync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.resilience.CircuitBreaker;
import dance.normal.protocol.sync.SyncPage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against server shapes the real server does not produce on demand: 500s, garbage, silence, a dropped
 * connection, an expired token (MockWebServer on loopback).
 */
class ApiClientTest {

    private static final ApiClient.Options FAST = new ApiClient.Options(Duration.ofMillis(500),
            Duration.ofMillis(500), Duration.ofSeconds(5), 3, Duration.ofMillis(5), Duration.ofMillis(20), 3,
            Duration.ofSeconds(30));
    private static final String PAGE = "{\"changes\":[],\"nextCursor\":\"c1\",\"hasMore\":false}";

    private MockWebServer server;
    private ApiClient api;
    private TokenStore tokens;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        tokens = TokenStore.inMemory();
        api = new ApiClient(server.url("/").uri(), tokens, FAST, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void idempotentCallsAreRetriedAfterA5xx() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(json(200, PAGE));

        SyncPage page = api.changes("", 10);

        assertThat(page.nextCursor()).isEqualTo("c1");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aCallThatIsNotIdempotentIsNeverRepeated() {
        server.enqueue(new MockResponse.Builder().code(503).build());

        assertThatThrownBy(() -> api.call("POST", "/api/v1/things", Map.of("a", 1), Void.class, Map.of(), false))
                .isInstanceOf(BadResponseException.class).hasMessageContaining("503");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aProblemBecomesATypedErrorWithTheServersSentence() {
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://normal.dance/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"No track with id t9.\"}").build());

        assertThatThrownBy(() -> api.track("t9"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.problem().detail()).isEqualTo("No track with id t9.");
                });
        assertThat(server.getRequestCount()).as("a 4xx is an answer, not retried").isEqualTo(1);
    }

    @Test
    void garbageIsABadResponseNotACrash() {
        server.enqueue(json(200, "{\"changes\": [ {\"seq\": "));
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html>Bad gateway</html>").build());
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder().code(502).build());

        assertThatThrownBy(() -> api.changes("", 10)).isInstanceOf(BadResponseException.class);
        assertThatThrownBy(() -> api.changes("", 10)).isInstanceOf(BadResponseException.class)
                .hasMessageContaining("502");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndThenTheBreakerAnswersAtOnce() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        }
        assertThatThrownBy(() -> api.changes("", 10)).isInstanceOf(UnreachableException.class);
        assertThat(api.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        long start = System.nanoTime();
        assertThatThrownBy(() -> api.changes("", 10)).isInstanceOf(UnreachableException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("an open breaker costs no connect timeout").isLessThan(200);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerThatIsDownIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (ApiClient down = new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), tokens, FAST,
                Clock.systemUTC())) {
            assertThatThrownBy(() -> down.changes("", 10)).isInstanceOf(UnreachableException.class);
            assertThat(down.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        }
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallRepeated() throws Exception {
        tokens.save(new TokenPair("old-access", "refresh-1", "Bearer", 900, null));
        server.enqueue(json(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}"));
        server.enqueue(json(200, "{\"accessToken\":\"new-access\",\"refreshToken\":\"refresh-2\","
                + "\"tokenType\":\"Bearer\",\"expiresIn\":900}"));
        server.enqueue(json(200, "{\"id\":\"u1\",\"email\":\"a@example.com\",\"role\":\"LISTENER\"}"));

        Me me = api.me();

        assertThat(me.email()).isEqualTo("a@example.com");
        RecordedRequest first = server.takeRequest();
        RecordedRequest refresh = server.takeRequest();
        RecordedRequest again = server.takeRequest();
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer old-access");
        assertThat(refresh.getUrl().encodedPath()).isEqualTo("/api/v1/auth/refresh");
        assertThat(refresh.getBody().utf8()).contains("refresh-1");
        assertThat(again.getHeaders().get("Authorization")).isEqualTo("Bearer new-access");
        assertThat(tokens.current()).get().extracting(TokenPair::refreshToken).isEqualTo("refresh-2");
    }

    @Test
    void aRefusedRefreshTokenSignsOut() {
        tokens.save(new TokenPair("old-access", "stolen", "Bearer", 900, null));
        server.enqueue(json(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}"));
        server.enqueue(json(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Sign in again.\"}"));

        assertThatThrownBy(() -> api.me()).isInstanceOf(ProblemException.class);
        assertThat(tokens.current()).isEmpty();
    }

    @Test
    void theBreakerLetsOneTrialThroughAfterItsPause() {
        Instant[] now = {Instant.parse("2026-11-23T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(10), clock);
        breaker.failure();
        assertThat(breaker.allow()).isTrue();
        breaker.failure();
        assertThat(breaker.allow()).isFalse();
        now[0] = now[0].plusSeconds(11);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).as("one trial at a time").isFalse();
        breaker.success();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
