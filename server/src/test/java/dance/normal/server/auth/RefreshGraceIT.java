package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The grace for a client that lost the answer to its refresh (it crashed before saving the new tokens): within
 * {@link AuthService#GRACE} of the rotation, and only while the pair it was rotated into is unused, the spent token
 * gets another successor in the same session. Everything else that presents a spent token, as a thief with a copy
 * would, still ends the session. Run on SQLite and PostgreSQL, with the server's clock moved on by the test (it also
 * runs, so steps inside the grace leave it seconds of room).
 */
class RefreshGraceIT {

    private static final String ME = "/api/v1/me";
    private static final String REFRESH = "/api/v1/auth/refresh";

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aRetryWithinTheGraceContinuesTheSameSession(Databases.Kind kind) {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity(), clock)) {
            JsonNode signedUp = server.signup("listener");
            String spent = signedUp.path("refreshToken").asText();
            JsonNode lost = TestServer.json(refresh(server, spent)); // the answer the crashed client never saved
            clock.advance(AuthService.GRACE.minusSeconds(10)); // the clock also runs: leave it room

            HttpResponse<String> retry = refresh(server, spent);

            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            JsonNode next = TestServer.json(retry);
            assertThat(next.path("me").path("id").asText()).isEqualTo(signedUp.path("me").path("id").asText());
            assertThat(next.path("refreshToken").asText()).isNotEqualTo(lost.path("refreshToken").asText());
            assertThat(server.get(ME, next.path("accessToken").asText()).statusCode()).isEqualTo(200);
            assertThat(server.get(ME, signedUp.path("accessToken").asText()).statusCode())
                    .as("the same session: its earlier access token still works").isEqualTo(200);
            HttpResponse<String> onwards = refresh(server, next.path("refreshToken").asText());
            assertThat(onwards.statusCode()).as(onwards.body()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void reuseAfterTheGraceRevokesTheSessionAsBefore(Databases.Kind kind) {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity(), clock)) {
            String spent = server.signup("listener").path("refreshToken").asText();
            JsonNode next = TestServer.json(refresh(server, spent));
            clock.advance(AuthService.GRACE.plusSeconds(1));

            assertProblem(refresh(server, spent), 401, "refresh-token-reused");

            assertProblem(server.get(ME, next.path("accessToken").asText()), 401, "unauthenticated");
            assertProblem(refresh(server, next.path("refreshToken").asText()), 401, "unauthenticated");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void reuseWithinTheGraceOnceTheNewAccessTokenWasUsedRevokes(Databases.Kind kind) {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity(), clock)) {
            String copied = server.signup("listener").path("refreshToken").asText();
            JsonNode owner = TestServer.json(refresh(server, copied));
            assertThat(server.get(ME, owner.path("accessToken").asText()).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));

            // The owner got and used the answer, so this is not a lost answer: it is a copy.
            assertProblem(refresh(server, copied), 401, "refresh-token-reused");

            assertProblem(server.get(ME, owner.path("accessToken").asText()), 401, "unauthenticated");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void reuseWithinTheGraceOnceTheSuccessorWasRefreshedRevokes(Databases.Kind kind) {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity(), clock)) {
            String copied = server.signup("listener").path("refreshToken").asText();
            JsonNode second = TestServer.json(refresh(server, copied));
            JsonNode third = TestServer.json(refresh(server, second.path("refreshToken").asText()));

            assertProblem(refresh(server, copied), 401, "refresh-token-reused");

            assertProblem(refresh(server, third.path("refreshToken").asText()), 401, "unauthenticated");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aThiefsReplayWithinTheGraceLastsOnlyUntilEitherCopyIsUsedAgain(Databases.Kind kind) {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity(), clock)) {
            String copied = server.signup("listener").path("refreshToken").asText();
            JsonNode owner = TestServer.json(refresh(server, copied)); // saved, not used yet
            clock.advance(Duration.ofSeconds(5));
            JsonNode thief = TestServer.json(refresh(server, copied)); // within the grace: a successor
            clock.advance(Duration.ofMinutes(14));

            // The owner's successor was spent by the thief's replay, so the owner's next refresh is reuse: the
            // session ends, the thief's pair with it.
            assertProblem(refresh(server, owner.path("refreshToken").asText()), 401, "refresh-token-reused");
            assertProblem(server.get(ME, thief.path("accessToken").asText()), 401, "unauthenticated");
            assertProblem(refresh(server, thief.path("refreshToken").asText()), 401, "unauthenticated");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theCopiedTokenIsDeadOnceTheGraceIsOverWhoeverRetried(Databases.Kind kind) {
        TestClock clock = new TestClock();
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity(), clock)) {
            String copied = server.signup("listener").path("refreshToken").asText();
            refresh(server, copied);
            clock.advance(Duration.ofSeconds(10));
            assertThat(refresh(server, copied).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(10));
            JsonNode latest = TestServer.json(refresh(server, copied));
            // The grace counts from the first rotation, not from each retry.
            clock.advance(AuthService.GRACE.minusSeconds(20).plusSeconds(1));

            assertProblem(refresh(server, copied), 401, "refresh-token-reused");
            assertProblem(refresh(server, latest.path("refreshToken").asText()), 401, "unauthenticated");
        }
    }

    private static HttpResponse<String> refresh(TestServer server, String token) {
        return server.postJson(REFRESH, null, Map.of("refreshToken", token));
    }
}
