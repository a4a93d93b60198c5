package dance.normal.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/**
 * What a client checks on an error answer: the status, {@code application/problem+json}, a stable {@code type} URI,
 * a title, and a {@code detail} a person can read, with no trace of the server's internals anywhere in the body.
 */
public final class ProblemAssert {

    public static final String TYPE_BASE = "https://normal.dance/problems/";

    private ProblemAssert() {
    }

    /** Asserts a problem answer of exactly this status and type slug (e.g. "email-taken"); returns its JSON. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        assertThat(response.statusCode()).as("status of %s", describe(response)).isEqualTo(status);
        JsonNode problem = assertAnyProblem(response);
        assertThat(problem.path("type").asText()).as("problem type of %s", describe(response))
                .isEqualTo(TYPE_BASE + typeSlug);
        return problem;
    }

    /** Asserts a well-formed problem answer with a 4xx status (never 5xx); returns its JSON. */
    public static JsonNode assertClientProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s", describe(response)).isBetween(400, 499);
        return assertAnyProblem(response);
    }

    private static JsonNode assertAnyProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of %s", describe(response))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertNoInternals(response.body());
        JsonNode problem = TestServer.json(response);
        assertThat(problem.isObject()).as("problem body is an object: %s", response.body()).isTrue();
        assertThat(problem.path("type").asText()).startsWith(TYPE_BASE);
        assertThat(problem.path("title").asText()).as("title of %s", response.body()).isNotBlank();
        assertThat(problem.path("status").asInt()).as("status field of %s", response.body())
                .isEqualTo(response.statusCode());
        assertHumanSentence(problem.path("detail").asText());
        return problem;
    }

    /**
     * A sentence of several words ending in a full stop: it starts with a capital letter, a quote, or the name of
     * the field it is about (such as {@code publicKey}); never a class name or a bare error code.
     */
    public static void assertHumanSentence(String detail) {
        assertThat(detail).as("detail").isNotBlank().hasSizeLessThan(600);
        assertThat(detail).as("detail is a sentence: %s", detail)
                .matches("(?s)^([\"A-Z]|[a-z][A-Za-z0-9]* ).*[.?!]$");
        assertThat(detail.split("\\s+")).as("detail has several words: %s", detail).hasSizeGreaterThanOrEqualTo(3);
        assertNoInternals(detail);
    }

    public static void assertNoInternals(String text) {
        assertThat(text).as("no internals in: %s", text)
                .doesNotContain("at dance.")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("java.")
                .doesNotContain("org.jdbi")
                .doesNotContain("SQLITE_")
                .doesNotContainIgnoringCase("stack trace");
    }

    private static String describe(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
}
