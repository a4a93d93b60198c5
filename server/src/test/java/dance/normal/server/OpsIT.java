package dance.normal.server;

import static dance.normal.server.support.ProblemAssert.assertClientProblem;
import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What operators and load balancers rely on: health, readiness, metrics, request ids, and 404/405 answers. */
class OpsIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIsUp() {
        HttpResponse<String> r = server.get("/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(TestServer.json(r).path("status").asText()).isEqualTo("up");
    }

    @Test
    void readyNamesTheDatabaseItReached() {
        HttpResponse<String> r = server.get("/ready", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode ready = TestServer.json(r);
        assertThat(ready.path("status").asText()).isEqualTo("ready");
        assertThat(ready.path("database").asText()).isEqualTo("sqlite");
    }

    @Test
    void metricsArePrometheusTextWithRequestHistogramsByRouteTemplate() {
        String unknownTrack = UUID.randomUUID().toString();
        server.get("/api/v1/tracks/" + unknownTrack, null);
        server.get("/api/v1/tracks?limit=5", null);
        server.get("/no/such/" + unknownTrack, null);

        HttpResponse<String> r = server.get("/metrics", server.adminToken());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/plain").contains("version=0.0.4"));
        String text = r.body();
        assertThat(text).contains("# TYPE nd_http_requests_seconds histogram");
        assertThat(bucketLines(text, "/api/v1/tracks/{id}")).as("histogram buckets of GET /api/v1/tracks/{id}")
                .isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("status=\"404\"").contains("le=\"+Inf\""))
                .allSatisfy(line -> assertThat(line).contains("method=\"GET\""));
        assertThat(bucketLines(text, "/api/v1/tracks")).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("status=\"200\""));
        assertThat(text).contains("nd_http_requests_seconds_count{").contains("nd_http_requests_seconds_sum{");
        assertThat(text).as("raw paths never become labels").doesNotContain(unknownTrack);
    }

    @Test
    void metricsReportStreamsBytesAndUploadsFromTheStart() {
        String text = server.get("/metrics", server.adminToken()).body();

        assertThat(text).containsPattern("(?m)^nd_active_streams(\\{[^}]*\\})? 0(\\.0)?$");
        assertThat(text).containsPattern("(?m)^nd_streamed_bytes_total(\\{[^}]*\\})? \\d");
        assertThat(text).containsPattern("(?m)^nd_uploads_total\\{[^}]*outcome=\"accepted\"[^}]*\\} \\d");
        assertThat(text).containsPattern("(?m)^nd_uploads_total\\{[^}]*outcome=\"rejected\"[^}]*\\} \\d");
    }

    @Test
    void everyResponseHasARequestId() {
        List<HttpResponse<String>> responses = List.of(
                server.get("/health", null),
                server.get("/api/v1/tracks", null),
                server.get("/api/v1/me", null),
                server.get("/api/v1/tracks/" + UUID.randomUUID(), null),
                server.get("/nothing-here", null),
                server.send(server.request("/health").method("DELETE", HttpRequest.BodyPublishers.noBody()).build()),
                server.postJson("/api/v1/auth/login", null, "{"));

        for (HttpResponse<String> r : responses) {
            assertThat(r.headers().firstValue("X-Request-Id")).as("X-Request-Id of %s", r.uri())
                    .hasValueSatisfying(id -> assertThat(id).matches("[A-Za-z0-9._-]{8,64}"));
        }
        assertThat(responses.stream().map(r -> r.headers().firstValue("X-Request-Id").orElseThrow()).distinct())
                .hasSize(responses.size());
    }

    @Test
    void aValidIncomingRequestIdIsEchoedAndNamedInProblems() {
        String id = "lb-" + UUID.randomUUID();

        HttpResponse<String> ok = server.send(server.request("/health").header("X-Request-Id", id).GET().build());
        HttpResponse<String> problem = server.send(server.request("/api/v1/me").header("X-Request-Id", id)
                .GET().build());

        assertThat(ok.headers().firstValue("X-Request-Id")).hasValue(id);
        assertThat(problem.headers().firstValue("X-Request-Id")).hasValue(id);
        assertThat(assertProblem(problem, 401, "unauthenticated").path("requestId").asText()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has spaces in it", "semi;colon", "quote\"d", "\u00e9t\u00e9",
            "sixty-five-characters-are-one-too-many-for-a-request-id-0123456789"})
    void anInvalidIncomingRequestIdIsReplaced(String incoming) {
        HttpResponse<String> r = server.send(server.request("/health").header("X-Request-Id", incoming)
                .GET().build());

        assertThat(r.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id)
                .isNotEqualTo(incoming).matches("[A-Za-z0-9._-]{8,64}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing-here", "/api/v1/nothing", "/api/v2/tracks", "/api/v1/tracks/x/y/z",
            "/health/deep", "/.env", "/WEB-INF/web.xml"})
    void unknownRouteIsANotFoundProblem(String path) {
        JsonNode problem = assertProblem(server.get(path, null), 404, "not-found");

        assertThat(problem.path("instance").asText()).isEqualTo(path);
        assertThat(problem.path("requestId").asText()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"DELETE, /health", "PUT, /metrics", "POST, /api/v1/me", "DELETE, /api/v1/me",
            "PUT, /api/v1/tracks", "PATCH, /api/v1/tracks/0f8fad5b-d9cb-469f-a165-70867728950e",
            "GET, /api/v1/auth/login", "GET, /api/v1/plays", "POST, /api/v1/sync", "DELETE, /openapi.json"})
    void wrongMethodOnAKnownRouteIsAMethodNotAllowedProblem(String method, String path) {
        HttpResponse<String> r = server.send(server.request(path)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());

        JsonNode problem = assertProblem(r, 405, "bad-request");
        assertThat(problem.path("detail").asText()).contains(method).contains(path);
    }

    @Test
    void errorsJettyAnswersItselfAreProblemsWithARequestIdToo() {
        List<String> paths = List.of("/api/v1/tracks/%00", "/api/v1/media/..%2F..%2Fnormal-dance.db%00",
                "/api/v1/tracks/" + "a".repeat(20_000));
        for (String path : paths) {
            HttpResponse<String> r = server.get(path, null);

            assertThat(r.statusCode()).as("status of %s", path.substring(0, Math.min(60, path.length())))
                    .isBetween(400, 499);
            assertClientProblem(r);
            assertThat(r.body()).doesNotContain("<html").doesNotContainIgnoringCase("jetty");
            assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        }
    }

    private static List<String> bucketLines(String metrics, String route) {
        Matcher m = Pattern.compile("(?m)^nd_http_requests_seconds_bucket\\{[^}]*route=\"" + Pattern.quote(route)
                + "\"[^}]*\\} .*$").matcher(metrics);
        return m.results().map(r -> r.group()).toList();
    }
}
