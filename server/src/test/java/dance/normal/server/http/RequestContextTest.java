package dance.normal.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The request context on a real Javalin on loopback: request ids assigned, echoed, logged; one access line each. */
class RequestContextTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.mapper();
    private final ListAppender<ILoggingEvent> access = new ListAppender<>();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("dance.normal.server.access");
    private Level accessLevel;
    private Javalin app;

    @BeforeEach
    void start() {
        accessLevel = accessLogger.getLevel();
        accessLogger.setLevel(Level.INFO); // the test logging configuration keeps access lines out of the output
        access.start();
        accessLogger.addAppender(access);
        RequestContext requests = new RequestContext((method, route, status, millis) -> { });
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.requestLogger.http(requests::end);
            c.routes.before(requests::begin);
            c.routes.get("/id", ctx -> ctx.result(MDC.get("requestId") + " " + RequestContext.id(ctx)));
            c.routes.get("/fails", ctx -> {
                throw ApiException.notFound("There is no such thing.");
            });
            c.routes.get("/health", ctx -> ctx.result("up"));
            new Problems(json).install(c.routes);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        accessLogger.detachAppender(access);
        accessLogger.setLevel(accessLevel);
    }

    @Test
    void aRequestWithoutAnIdGetsANewOneOnTheAnswerAndInTheLoggingContext() throws Exception {
        HttpResponse<String> a = get("/id", null);
        HttpResponse<String> b = get("/id", null);

        String id = a.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(a.body()).isEqualTo(id + " " + id);
        assertThat(b.headers().firstValue("X-Request-Id")).get().isNotEqualTo(id);
    }

    @Test
    void aSaneClientIdIsEchoedAndAnUnsafeOneReplaced() throws Exception {
        assertThat(get("/id", "client-42.a_b").headers().firstValue("X-Request-Id")).contains("client-42.a_b");

        HttpResponse<String> unsafe = get("/id", "evil id\u00e9" + "x".repeat(70));
        assertThat(unsafe.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f-]{36}");
    }

    @Test
    void aProblemNamesTheRequestIdOfItsAnswer() throws Exception {
        HttpResponse<String> r = get("/fails", "trace-me");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("requestId").asText()).isEqualTo("trace-me");
        assertThat(problem.path("detail").asText()).isEqualTo("There is no such thing.");
    }

    @Test
    void everyRequestLogsOneAccessLineWithItsRouteAndStatusButHealthChecksDoNot() throws Exception {
        get("/health", "zero");
        get("/id", "one");
        get("/fails", "two");
        get("/nowhere", "three");

        List<String> lines = accessLines(3);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("GET /id 200 ");
        assertThat(lines.get(1)).startsWith("GET /fails 404 ");
        assertThat(lines.get(2)).startsWith("GET * 404 ");
        assertThat(lines).allMatch(line -> line.endsWith(" ms"));
    }

    /**
     * The access line is written as the answer completes, so a client may read the answer a moment before it. The
     * health check went first: had it been logged, its line would be among those of the requests that followed.
     */
    private List<String> accessLines(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (access.list.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return access.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private HttpResponse<String> get(String path, String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
