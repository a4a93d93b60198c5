package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in over HTTP: the right password, wrong ones, unknown accounts (answered the same, so accounts cannot be
 * discovered), and the limits on failed attempts per account and per address. All requests come from 127.0.0.1,
 * so this class stays well under the per-address limit except in the test that starts its own server for it.
 */
class SignInIT {

    private static final String LOGIN = "/api/v1/auth/login";
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

    private static String newAccount(TestServer on) {
        return on.signup("listener").path("me").path("email").asText();
    }

    private static HttpResponse<String> login(TestServer on, String email, String password) {
        return on.postJson(LOGIN, null, Map.of("email", email, "password", password));
    }

    @Test
    void rightPasswordGivesAFreshTokenPair() {
        String email = newAccount(server);

        HttpResponse<String> r = login(server, email, PASSWORD);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode pair = TestServer.json(r);
        assertThat(pair.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(pair.path("me").path("email").asText()).isEqualTo(email);
        assertThat(server.get("/api/v1/me", pair.path("accessToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void emailIsMatchedWhateverItsCaseAndSurroundingSpaces() {
        String email = newAccount(server);

        HttpResponse<String> r = login(server, "  " + email.toUpperCase() + " ", PASSWORD);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        String email = newAccount(server);

        HttpResponse<String> r = login(server, email, "wrong horse battery");

        JsonNode problem = assertProblem(r, 401, "invalid-credentials");
        assertThat(r.body()).doesNotContain("wrong horse battery");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("password");
    }

    @Test
    void unknownEmailGetsTheSameAnswerAsAWrongPassword() {
        String email = newAccount(server);

        JsonNode wrongPassword = assertProblem(login(server, email, "wrong horse battery"), 401,
                "invalid-credentials");
        JsonNode unknown = assertProblem(login(server, "nobody-" + UUID.randomUUID() + "@example.com", PASSWORD),
                401, "invalid-credentials");

        assertThat(unknown.path("title").asText()).isEqualTo(wrongPassword.path("title").asText());
        assertThat(unknown.path("detail").asText()).isEqualTo(wrongPassword.path("detail").asText());
    }

    @Test
    void missingEmailOrPasswordIsAValidationError() {
        assertProblem(server.postJson(LOGIN, null, Map.of("email", "someone@example.com")), 422, "validation");
        assertProblem(server.postJson(LOGIN, null, Map.of("password", PASSWORD)), 422, "validation");
    }

    @Test
    void malformedSignInBodyIsABadRequest() {
        assertProblem(server.postJson(LOGIN, null, "{\"email\":"), 400, "bad-request");
        assertProblem(server.postJson(LOGIN, null, "[\"someone@example.com\"]"), 400, "bad-request");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        String email = newAccount(server);
        for (int i = 0; i < 5; i++) {
            assertProblem(login(server, email, "wrong password " + i), 401, "invalid-credentials");
        }

        HttpResponse<String> r = login(server, email, PASSWORD);

        JsonNode problem = assertProblem(r, 429, "too-many-requests");
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 15L * 60));
        assertThat(problem.path("detail").asText()).containsIgnoringCase("try again");
        // The lock is per account: another account from the same address still signs in.
        assertThat(login(server, newAccount(server), PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theLockAppliesWhateverTheCaseOfTheEmail() {
        String email = newAccount(server);
        for (int i = 0; i < 5; i++) {
            String variant = i % 2 == 0 ? email.toUpperCase() : " " + email;
            assertProblem(login(server, variant, "wrong password " + i), 401, "invalid-credentials");
        }

        assertProblem(login(server, email, PASSWORD), 429, "too-many-requests");
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() {
        String email = newAccount(server);
        for (int i = 0; i < 4; i++) {
            assertProblem(login(server, email, "wrong password " + i), 401, "invalid-credentials");
        }
        assertThat(login(server, email, PASSWORD).statusCode()).isEqualTo(200);

        assertProblem(login(server, email, "wrong password again"), 401, "invalid-credentials");
        assertThat(login(server, email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void thirtyFailuresFromOneAddressAcrossDifferentEmailsBlockThatAddress() {
        // Its own server, so the failures of the other tests do not count towards this address's limit.
        try (TestServer own = TestServer.start()) {
            String email = newAccount(own);
            for (int i = 0; i < 30; i++) {
                assertProblem(login(own, "guess-" + i + "-" + UUID.randomUUID() + "@example.com", PASSWORD), 401,
                        "invalid-credentials");
            }

            HttpResponse<String> r = login(own, email, PASSWORD);

            JsonNode problem = assertProblem(r, 429, "too-many-requests");
            assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isBetween(1L, 15L * 60));
            assertThat(problem.path("detail").asText()).containsIgnoringCase("try again");
        }
    }
}
