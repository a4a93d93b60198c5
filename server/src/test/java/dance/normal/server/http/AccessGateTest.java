package dance.normal.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Role;
import dance.normal.server.auth.Principal;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access gate on a real Javalin on loopback: route roles decide, the handler gets the caller. */
class AccessGateTest {

    private static final Principal LISTENER = new Principal("listener-1", Role.LISTENER, "session-1");
    private static final Principal ARTIST = new Principal("artist-1", Role.ARTIST, "session-2");

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.mapper();
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();
    private Javalin app;

    @BeforeEach
    void start() {
        AccessGate gate = new AccessGate(this::signedIn, header -> {
            Principal p = signedIn(header);
            if (p.role() != Role.ARTIST) {
                throw ApiException.forbidden("Only artist accounts can do this.");
            }
            return p;
        }, header -> {
            if (!"Bearer admin".equals(header)) {
                throw ApiException.unauthenticated("This needs the admin token.");
            }
            return null;
        });
        RequestContext requests = new RequestContext((method, route, status, millis) -> { });
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.before(requests::begin);
            c.routes.beforeMatched(gate);
            c.routes.get("/public", ctx -> {
                handled.incrementAndGet();
                ctx.result("anyone");
            });
            c.routes.get("/me", ctx -> {
                handled.incrementAndGet();
                ctx.result(AccessGate.caller(ctx, Principal.class).accountId());
            }, Access.SIGNED_IN);
            c.routes.get("/studio", ctx -> {
                handled.incrementAndGet();
                ctx.result(AccessGate.caller(ctx, Principal.class).accountId());
            }, Access.ARTIST);
            c.routes.post("/upload", ctx -> handled.incrementAndGet(), Access.ARTIST, Access.Body.STREAMED);
            c.routes.get("/admin", ctx -> handled.incrementAndGet(), Access.ADMIN);
            new Problems(json).install(c.routes);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private Principal signedIn(String header) {
        checks.incrementAndGet();
        if (header == null || header.isBlank()) {
            throw ApiException.unauthenticated("Sign in to do this.");
        }
        return switch (header) {
            case "Bearer listener" -> LISTENER;
            case "Bearer artist" -> ARTIST;
            default -> throw ApiException.unauthenticated("This session has ended; sign in again.");
        };
    }

    @Test
    void aSignedInRouteRefusesARequestWithoutATokenBeforeItsHandlerRuns() throws Exception {
        HttpResponse<String> r = send("GET", "/me", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("detail").asText()).isEqualTo("Sign in to do this.");
        assertThat(problem.path("instance").asText()).isEqualTo("/me");
        assertThat(problem.path("requestId").asText()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(handled).hasValue(0);
    }

    @Test
    void theHandlerGetsThePrincipalTheGateAuthenticatedOnce() throws Exception {
        HttpResponse<String> r = send("GET", "/me", "Bearer listener");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("listener-1");
        assertThat(checks).hasValue(1);
    }

    @Test
    void anArtistRouteRefusesAListenerWith403AndLetsAnArtistIn() throws Exception {
        HttpResponse<String> listener = send("GET", "/studio", "Bearer listener");
        assertThat(listener.statusCode()).isEqualTo(403);
        assertThat(listener.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(json.readTree(listener.body()).path("detail").asText())
                .isEqualTo("Only artist accounts can do this.");

        HttpResponse<String> artist = send("GET", "/studio", "Bearer artist");
        assertThat(artist.statusCode()).isEqualTo(200);
        assertThat(artist.body()).isEqualTo("artist-1");
        assertThat(handled).hasValue(1);
    }

    @Test
    void aRefusedStreamedUploadClosesItsConnection() throws Exception {
        HttpResponse<String> r = send("POST", "/upload", "Bearer listener");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Connection")).contains("close");
        assertThat(handled).hasValue(0);
        HttpResponse<String> signedIn = send("GET", "/me", "Bearer nobody");
        assertThat(signedIn.statusCode()).isEqualTo(401);
        assertThat(signedIn.headers().firstValue("Connection")).isEmpty();
    }

    @Test
    void anAdminRouteWantsTheAdminTokenAndAPublicRouteNoCheckAtAll() throws Exception {
        assertThat(send("GET", "/admin", "Bearer listener").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin", "Bearer admin").statusCode()).isEqualTo(200);

        checks.set(0);
        HttpResponse<String> open = send("GET", "/public", null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(checks).hasValue(0);
    }

    private HttpResponse<String> send(String method, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("audio")
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
