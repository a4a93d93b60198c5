package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /api/v1/me/artist}: a listener becomes an artist and gets a pair with the artist role in the same
 * session, only when it also sends that session's current refresh token (header {@code Refresh-Token}, else 403); the
 * old refresh token is spent as by a refresh; an artist asking again gets 409.
 */
class BecomeArtistIT {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aListenerBecomesAnArtistInTheSameSessionAndOnlyOnce(Databases.Kind kind) {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            JsonNode listener = server.signup("listener");
            String access = listener.path("accessToken").asText();
            String refresh = listener.path("refreshToken").asText();

            JsonNode missing = assertProblem(server.postJson("/api/v1/me/artist", access, Map.of()), 422,
                    "validation");
            assertThat(missing.path("detail").asText()).contains("name");
            assertProblem(server.postJson("/api/v1/me/artist", access, Map.of("name", "x".repeat(201))), 422,
                    "validation");
            assertProblem(server.postJson("/api/v1/me/artist", access, Map.of("name", "  ")), 422, "validation");
            assertProblem(server.get("/api/v1/artists/me/earnings", access), 403, "forbidden");

            // A bare access token mints no refresh token: the session's current refresh token must come with it.
            Map<String, Object> tide = Map.of("name", "  Tide Clock  ", "bio", "Field recordings and a drum machine.");
            assertThat(assertProblem(server.postJson("/api/v1/me/artist", access, tide), 403, "forbidden")
                    .path("detail").asText()).contains("Refresh-Token");
            assertProblem(become(server, access, "not-a-token", tide), 403, "forbidden");
            JsonNode other = server.signup("listener");
            assertProblem(become(server, access, other.path("refreshToken").asText(), tide), 403, "forbidden");
            assertProblem(become(server, other.path("accessToken").asText(), refresh, tide), 403, "forbidden");
            assertProblem(server.get("/api/v1/artists/me/earnings", access), 403, "forbidden");

            HttpResponse<String> became = become(server, access, refresh, tide);
            assertThat(became.statusCode()).as(became.body()).isEqualTo(200);
            JsonNode pair = TestServer.json(became);
            assertThat(pair.path("me").path("role").asText()).isEqualTo("artist");
            assertThat(pair.path("me").path("artist").path("name").asText()).isEqualTo("Tide Clock");
            String artistAccess = pair.path("accessToken").asText();
            assertThat(claims(artistAccess).path("role").asText()).isEqualTo("artist");
            assertThat(claims(artistAccess).path("sid").asText()).as("the same session")
                    .isEqualTo(claims(access).path("sid").asText());
            assertThat(pair.path("refreshToken").asText()).isNotEqualTo(refresh);

            String artistId = pair.path("me").path("artist").path("id").asText();
            JsonNode page = TestServer.json(server.get("/api/v1/artists/" + artistId, null));
            assertThat(page.path("name").asText()).isEqualTo("Tide Clock");
            assertThat(page.path("bio").asText()).isEqualTo("Field recordings and a drum machine.");
            assertThat(server.get("/api/v1/artists/me/earnings", artistAccess).statusCode()).isEqualTo(200);
            // The listener's access token keeps the role it was issued with until it expires.
            assertProblem(server.get("/api/v1/artists/me/earnings", access), 403, "forbidden");

            String artistRefresh = pair.path("refreshToken").asText();
            assertProblem(become(server, artistAccess, artistRefresh, Map.of("name", "Again")), 409, "conflict");
            assertProblem(become(server, access, artistRefresh, Map.of("name", "Again")), 409, "conflict");
            assertProblem(become(server, artistAccess, refresh, Map.of("name", "Again")), 403, "forbidden");
            assertProblem(server.postJson("/api/v1/me/artist", null, Map.of("name", "Nobody")), 401,
                    "unauthenticated");

            HttpResponse<String> next = server.postJson("/api/v1/auth/refresh", null,
                    Map.of("refreshToken", pair.path("refreshToken").asText()));
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            assertThat(claims(TestServer.json(next).path("accessToken").asText()).path("role").asText())
                    .isEqualTo("artist");
            // The listener's refresh token was spent by becoming an artist: presenting it now is reuse.
            assertProblem(server.postJson("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh)), 401,
                    "refresh-token-reused");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.Kind.class, names = "SQLITE")
    void anArtistFromSignUpCannotBecomeOneAgain(Databases.Kind kind) {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            JsonNode artist = server.signup("artist");
            assertProblem(become(server, artist.path("accessToken").asText(), artist.path("refreshToken").asText(),
                    Map.of("name", "Second Self")), 409, "conflict");
        }
    }

    private static HttpResponse<String> become(TestServer server, String access, String refresh,
                                               Map<String, Object> body) {
        try {
            return server.send(server.request("/api/v1/me/artist").header("Authorization", "Bearer " + access)
                    .header("Refresh-Token", refresh).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode claims(String jwt) {
        try {
            return TestServer.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
