package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account flow on the embedded default (SQLite) and on a real PostgreSQL: the same migrations and SQL must
 * behave the same, including the unique email, conditional spending of refresh tokens and failure counting.
 */
class AccountsOnBothDatabasesIT {

    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void signUpSignInRefreshAndReuseDetectionWork(Databases.Kind kind) {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            JsonNode ready = TestServer.json(server.get("/ready", null));
            assertThat(ready.path("database").asText())
                    .isEqualTo(kind == Databases.Kind.SQLITE ? "sqlite" : "postgres");

            String email = "both-" + UUID.randomUUID() + "@example.com";
            HttpResponse<String> signup = server.postJson("/api/v1/auth/signup", null,
                    Map.of("email", email, "password", PASSWORD, "role", "artist", "name", "Harbour Lights"));
            assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
            String artistId = TestServer.json(signup).path("me").path("artist").path("id").asText();
            assertThat(TestServer.json(server.get("/api/v1/artists/" + artistId, null)).path("name").asText())
                    .isEqualTo("Harbour Lights");
            assertProblem(server.postJson("/api/v1/auth/signup", null, Map.of("email",
                    email.toUpperCase(Locale.ROOT), "password", PASSWORD, "role", "listener")), 409, "email-taken");

            assertProblem(server.postJson("/api/v1/auth/login", null,
                    Map.of("email", email, "password", "not the password")), 401, "invalid-credentials");
            HttpResponse<String> login = server.postJson("/api/v1/auth/login", null,
                    Map.of("email", email, "password", PASSWORD));
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            JsonNode session = TestServer.json(login);
            assertThat(server.get("/api/v1/me", session.path("accessToken").asText()).statusCode()).isEqualTo(200);

            String first = session.path("refreshToken").asText();
            HttpResponse<String> refreshed = server.postJson("/api/v1/auth/refresh", null,
                    Map.of("refreshToken", first));
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            JsonNode next = TestServer.json(refreshed);
            assertThat(server.get("/api/v1/me", next.path("accessToken").asText()).statusCode()).isEqualTo(200);

            assertProblem(server.postJson("/api/v1/auth/refresh", null, Map.of("refreshToken", first)), 401,
                    "refresh-token-reused");
            assertProblem(server.get("/api/v1/me", next.path("accessToken").asText()), 401, "unauthenticated");
            assertProblem(server.postJson("/api/v1/auth/refresh", null,
                    Map.of("refreshToken", next.path("refreshToken").asText())), 401, "unauthenticated");

            String signupAccess = TestServer.json(signup).path("accessToken").asText();
            assertThat(server.get("/api/v1/me", signupAccess).statusCode())
                    .as("the sign-up's own session is another family and still works").isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void failedSignInsAreCountedPerAccount(Databases.Kind kind) {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            String email = server.signup("listener").path("me").path("email").asText();
            for (int i = 0; i < 5; i++) {
                assertProblem(server.postJson("/api/v1/auth/login", null,
                        Map.of("email", email, "password", "wrong " + i)), 401, "invalid-credentials");
            }

            HttpResponse<String> locked = server.postJson("/api/v1/auth/login", null,
                    Map.of("email", email, "password", PASSWORD));

            assertProblem(locked, 429, "too-many-requests");
            assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
