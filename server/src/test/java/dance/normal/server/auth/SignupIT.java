package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertClientProblem;
import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-up over HTTP: listeners and artists, duplicates, and every kind of bad body. */
class SignupIT {

    private static final String SIGNUP = "/api/v1/auth/signup";
    private static final String PASSWORD = "correct horse battery";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newEmail() {
        return "signup-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void listenerSignsUpAndGetsATokenPairAndAnAccount() {
        String email = newEmail();
        HttpResponse<String> r = server.postJson(SIGNUP, null,
                Map.of("email", email, "password", PASSWORD, "role", "listener"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode pair = TestServer.json(r);
        assertThat(pair.path("accessToken").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(pair.path("refreshToken").asText()).isNotBlank();
        assertThat(pair.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(pair.path("expiresIn").asLong()).isBetween(1L, 900L);
        assertThat(pair.path("me").path("email").asText()).isEqualTo(email);
        assertThat(pair.path("me").path("role").asText()).isEqualTo("listener");
        assertThat(pair.path("me").has("artist")).isFalse();
        assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain("argon2");

        JsonNode me = TestServer.json(server.get("/api/v1/me", pair.path("accessToken").asText()));
        assertThat(me.path("id").asText()).isEqualTo(pair.path("me").path("id").asText());
        assertThat(me.path("email").asText()).isEqualTo(email);
        assertThat(me.path("role").asText()).isEqualTo("listener");
        assertThat(me.path("devices").isArray()).isTrue();
        assertThat(me.path("devices")).isEmpty();
    }

    @Test
    void artistSignsUpWithAPublicProfileShownInMeAndOnTheArtistPage() {
        HttpResponse<String> r = server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "password", PASSWORD, "role", "artist", "name", "  The Quiet Lanterns "));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode pair = TestServer.json(r);
        assertThat(pair.path("me").path("role").asText()).isEqualTo("artist");
        String token = pair.path("accessToken").asText();

        JsonNode me = TestServer.json(server.get("/api/v1/me", token));
        JsonNode artist = me.path("artist");
        assertThat(artist.path("name").asText()).isEqualTo("The Quiet Lanterns");
        String artistId = artist.path("id").asText();
        assertThat(UUID.fromString(artistId)).isNotNull();

        HttpResponse<String> page = server.get("/api/v1/artists/" + artistId, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode publicProfile = TestServer.json(page);
        assertThat(publicProfile.path("id").asText()).isEqualTo(artistId);
        assertThat(publicProfile.path("name").asText()).isEqualTo("The Quiet Lanterns");
        assertThat(page.body()).doesNotContain("@example.com");
    }

    @Test
    void artistCanChangeTheirPublicProfile() {
        JsonNode pair = server.signup("artist");
        String token = pair.path("accessToken").asText();
        HttpRequest patch = server.request("/api/v1/me/artist")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Renamed Band\",\"bio\":\"Songs about lighthouses.\"}"))
                .build();

        HttpResponse<String> r = server.send(patch);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String artistId = TestServer.json(r).path("id").asText();
        JsonNode page = TestServer.json(server.get("/api/v1/artists/" + artistId, null));
        assertThat(page.path("name").asText()).isEqualTo("Renamed Band");
        assertThat(page.path("bio").asText()).isEqualTo("Songs about lighthouses.");
    }

    @Test
    void duplicateEmailIsAConflict() {
        String email = newEmail();
        assertThat(server.postJson(SIGNUP, null, Map.of("email", email, "password", PASSWORD, "role", "listener"))
                .statusCode()).isEqualTo(201);

        HttpResponse<String> again = server.postJson(SIGNUP, null,
                Map.of("email", email, "password", "another long password", "role", "artist", "name", "Copycat"));

        assertProblem(again, 409, "email-taken");
    }

    @Test
    void duplicateEmailInAnotherCaseOrWithSpacesIsAConflictToo() {
        String local = "Mixed.Case-" + UUID.randomUUID();
        assertThat(server.postJson(SIGNUP, null,
                Map.of("email", local.toLowerCase() + "@example.com", "password", PASSWORD, "role", "listener"))
                .statusCode()).isEqualTo(201);

        assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", local.toUpperCase() + "@EXAMPLE.COM", "password", PASSWORD, "role", "listener")),
                409, "email-taken");
        assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", "  " + local + "@Example.com\t", "password", PASSWORD, "role", "listener")),
                409, "email-taken");
    }

    @Test
    void aFailedSignUpLeavesNoAccountBehind() {
        String email = newEmail();
        assertProblem(server.postJson(SIGNUP, null, Map.of("email", email, "password", PASSWORD, "role", "artist")),
                422, "validation");

        assertThat(server.postJson(SIGNUP, null, Map.of("email", email, "password", PASSWORD, "role", "listener"))
                .statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "two@@example.com", "no-domain@", "@example.com", "spaces in@example.com",
            "nodot@example", ""})
    void badEmailIsRejectedWithAClearSentence(String email) {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", email, "password", PASSWORD, "role", "listener")), 422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("email");
    }

    @Test
    void missingEmailIsRejected() {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("password", PASSWORD, "role", "listener")), 422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "nine char"})
    void shortPasswordIsRejected(String password) {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "password", password, "role", "listener")), 422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("password").contains("10");
    }

    @Test
    void missingPasswordIsRejected() {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "role", "listener")), 422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("password");
    }

    @Test
    void missingRoleIsRejected() {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "password", PASSWORD)), 422, "validation");
        assertThat(problem.path("detail").asText()).contains("role").contains("listener").contains("artist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "ARTISTS", ""})
    void unknownRoleIsRejected(String role) {
        HttpResponse<String> r = server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "password", PASSWORD, "role", role));
        JsonNode problem = assertClientProblem(r);
        assertThat(r.statusCode()).isIn(400, 422);
        assertThat(problem.path("detail").asText()).contains("role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":\"x@example.com\",\"password\":\"correct horse battery\",\"role\":\"artist\"}",
            "{\"email\":\"x@example.com\",\"password\":\"correct horse battery\",\"role\":\"artist\",\"name\":\"  \"}",
            "{\"email\":\"x@example.com\",\"password\":\"correct horse battery\",\"role\":\"artist\",\"name\":null}"})
    void artistWithoutANameIsRejected(String body) {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null, body.replace("x@example.com", newEmail())),
                422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("name");
    }

    @Test
    void artistNameLongerThan200CharactersIsRejected() {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "password", PASSWORD, "role", "artist", "name", "n".repeat(201))),
                422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\": \"a@example.com\", ", "{email: 'a@example.com'}", "not json at all",
            "{\"email\":\"a@example.com\"} trailing", "{\"email\":\"a@example.com\",}"})
    void malformedJsonIsABadRequest(String body) {
        assertProblem(server.postJson(SIGNUP, null, body), 400, "bad-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"email\":\"a@example.com\"}]", "\"a string\"", "42", "null"})
    void bodyThatIsNotAJsonObjectIsABadRequest(String body) {
        assertProblem(server.postJson(SIGNUP, null, body), 400, "bad-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\":{\"a\":1},\"password\":\"correct horse battery\",\"role\":\"listener\"}",
            "{\"email\":[\"a@example.com\"],\"password\":\"correct horse battery\",\"role\":\"listener\"}",
            "{\"email\":\"a@example.com\",\"password\":{\"p\":1},\"role\":\"listener\"}",
            "{\"email\":\"a@example.com\",\"password\":\"correct horse battery\",\"role\":[\"listener\"]}",
            "{\"email\":\"a@example.com\",\"password\":\"correct horse battery\",\"role\":{\"r\":1}}"})
    void fieldsOfTheWrongTypeAreABadRequestNamingTheField(String body) {
        HttpResponse<String> r = server.postJson(SIGNUP, null, body);
        JsonNode problem = assertClientProblem(r);
        assertThat(r.statusCode()).isIn(400, 422);
        String field = body.contains("{\"a\":1}") || body.contains("[\"a@") ? "email"
                : body.contains("{\"p\":1}") ? "password" : "role";
        assertThat(problem.path("detail").asText()).contains(field);
    }

    @Test
    void emptyBodyIsABadRequest() {
        HttpResponse<String> r = server.send(server.request(SIGNUP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        JsonNode problem = assertProblem(r, 400, "bad-request");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void bodyThatIsNotJsonIsUnsupportedMediaType(String contentType) {
        HttpResponse<String> r = server.send(server.request(SIGNUP).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + newEmail()
                        + "\",\"password\":\"correct horse battery\",\"role\":\"listener\"}"))
                .build());
        JsonNode problem = assertClientProblem(r);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(problem.path("detail").asText()).contains("application/json");
    }

    @Test
    void bodyWithoutContentTypeIsUnsupportedMediaType() {
        HttpResponse<String> r = server.send(server.request(SIGNUP)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(415);
        assertClientProblem(r);
    }

    @Test
    void hugeBodyIsRefusedWithoutReadingItAll() {
        String body = "{\"email\":\"" + newEmail() + "\",\"password\":\"" + "p".repeat(2 * 1024 * 1024)
                + "\",\"role\":\"listener\"}";
        HttpResponse<String> r = server.postJson(SIGNUP, null, body);
        assertProblem(r, 413, "payload-too-large");
    }

    @Test
    void passwordLongerThanTheLimitIsRejected() {
        JsonNode problem = assertProblem(server.postJson(SIGNUP, null,
                Map.of("email", newEmail(), "password", "p".repeat(1025), "role", "listener")), 422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("password");
    }
}
