package dance.normal.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.ProblemAssert;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Likes through the HTTP API on SQLite and PostgreSQL: idempotent both ways, per listener, newest first. */
class LikesIT {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void likesAreIdempotentPerListenerAndNewestFirst(Databases.Kind kind) {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            String artist = server.signup("artist").get("accessToken").asText();
            String first = TrackUploads.upload(server, artist, Fixtures.audio("flac", 2, "First Like")).get("id")
                    .asText();
            String second = TrackUploads.upload(server, artist, Fixtures.audio("flac", 2, "Second Like")).get("id")
                    .asText();
            String me = server.listenerToken();
            String other = server.listenerToken();

            assertThat(send(server, "PUT", "/api/v1/me/likes/" + first, me).statusCode()).isEqualTo(204);
            server.clock().advance(Duration.ofSeconds(1)); // the second like is newer, not at the same instant
            assertThat(send(server, "PUT", "/api/v1/me/likes/" + second, me).statusCode()).isEqualTo(204);
            assertThat(send(server, "PUT", "/api/v1/me/likes/" + first, me).statusCode()).as("again").isEqualTo(204);

            assertThat(likes(server, me)).isEqualTo("{\"trackIds\":[\"" + second + "\",\"" + first + "\"]}");
            assertThat(likes(server, other)).isEqualTo("{\"trackIds\":[]}");

            assertThat(send(server, "DELETE", "/api/v1/me/likes/" + second, me).statusCode()).isEqualTo(204);
            assertThat(send(server, "DELETE", "/api/v1/me/likes/" + second, me).statusCode()).as("again")
                    .isEqualTo(204);
            assertThat(likes(server, me)).isEqualTo("{\"trackIds\":[\"" + first + "\"]}");

            // Tagged: the same list again is 304 without a body; a change gives a new tag.
            HttpResponse<String> tagged = server.get("/api/v1/me/likes", me);
            String etag = tagged.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            HttpResponse<String> same = ifNoneMatch(server, me, etag);
            assertThat(same.statusCode()).isEqualTo(304);
            assertThat(same.body()).isEmpty();
            assertThat(ifNoneMatch(server, me, "\"other\", W/" + etag).statusCode()).as("weak, in a list")
                    .isEqualTo(304);
            assertThat(ifNoneMatch(server, other, etag).statusCode()).as("another listener's list").isEqualTo(200);
            assertThat(send(server, "PUT", "/api/v1/me/likes/" + second, me).statusCode()).isEqualTo(204);
            HttpResponse<String> changed = ifNoneMatch(server, me, etag);
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.body()).isEqualTo("{\"trackIds\":[\"" + second + "\",\"" + first + "\"]}");
            assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);

            ProblemAssert.assertProblem(send(server, "PUT", "/api/v1/me/likes/" + UUID.randomUUID(), me), 404,
                    "not-found");
            ProblemAssert.assertProblem(send(server, "PUT", "/api/v1/me/likes/not-a-track", me), 404, "not-found");
            ProblemAssert.assertProblem(send(server, "PUT", "/api/v1/me/likes/" + first, null), 401,
                    "unauthenticated");
        }
    }

    private static String likes(TestServer server, String token) {
        HttpResponse<String> r = server.get("/api/v1/me/likes", token);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> ifNoneMatch(TestServer server, String token, String etag) {
        return server.send(server.request("/api/v1/me/likes").header("Authorization", "Bearer " + token)
                .header("If-None-Match", etag).GET().build());
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, String token) {
        HttpRequest.Builder b = server.request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }
}
