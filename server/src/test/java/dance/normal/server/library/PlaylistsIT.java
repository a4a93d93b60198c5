package dance.normal.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.ProblemAssert;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Playlists through the HTTP API on SQLite and PostgreSQL: idempotent creates, versioned updates, privacy. */
class PlaylistsIT {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void playlistsAreCreatedOnceAndNeverOverwrittenSilently(Databases.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            String artist = server.signup("artist").get("accessToken").asText();
            String a = TrackUploads.upload(server, artist, Fixtures.audio("flac", 2, "Alpha")).get("id").asText();
            String b = TrackUploads.upload(server, artist, Fixtures.audio("flac", 2, "Beta")).get("id").asText();
            String me = server.listenerToken();

            // Eight concurrent creates with one key make one playlist.
            String key = UUID.randomUUID().toString();
            String body = "{\"name\":\"  Road trip \",\"trackIds\":[\"" + a + "\",\"" + b + "\",\"" + a + "\"]}";
            Set<String> ids = new HashSet<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> send(server, "POST", "/api/v1/me/playlists", me, body,
                            "Idempotency-Key", key)));
                }
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> r = answer.get();
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    ids.add(TestServer.json(r).get("id").asText());
                }
            }
            assertThat(ids).hasSize(1);
            String id = ids.iterator().next();
            JsonNode list = TestServer.json(server.get("/api/v1/me/playlists", me));
            assertThat(list.get("playlists")).hasSize(1);
            JsonNode created = list.get("playlists").get(0);
            assertThat(created.get("name").asText()).isEqualTo("Road trip");
            assertThat(created.get("version").asLong()).isEqualTo(1);
            assertThat(created.get("trackIds").toString()).isEqualTo("[\"" + a + "\",\"" + b + "\",\"" + a + "\"]");

            HttpResponse<String> updated = send(server, "PUT", "/api/v1/me/playlists/" + id, me,
                    "{\"name\":\"Road trip\",\"trackIds\":[\"" + b + "\"]}", "If-Match", "\"1\"");
            assertThat(updated.statusCode()).isEqualTo(200);
            assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");

            HttpResponse<String> stale = send(server, "PUT", "/api/v1/me/playlists/" + id, me,
                    "{\"name\":\"Other device\",\"trackIds\":[]}", "If-Match", "\"1\"");
            ProblemAssert.assertProblem(stale, 412, "precondition-failed");
            assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
            JsonNode now = TestServer.json(server.get("/api/v1/me/playlists/" + id, me));
            assertThat(now.get("trackIds").toString()).isEqualTo("[\"" + b + "\"]");

            ProblemAssert.assertProblem(send(server, "PUT", "/api/v1/me/playlists/" + id, me,
                    "{\"name\":\"x\",\"trackIds\":[]}", null, null), 428, "precondition-required");
            ProblemAssert.assertProblem(send(server, "POST", "/api/v1/me/playlists", me,
                    "{\"name\":\"x\",\"trackIds\":[]}", null, null), 400, "bad-request");
            ProblemAssert.assertProblem(send(server, "POST", "/api/v1/me/playlists", me,
                    "{\"name\":\"  \",\"trackIds\":[]}", "Idempotency-Key", "k2"), 422, "validation");
            ProblemAssert.assertProblem(send(server, "POST", "/api/v1/me/playlists", me,
                    "{\"name\":\"x\",\"trackIds\":[\"" + UUID.randomUUID() + "\"]}", "Idempotency-Key", "k3"), 422,
                    "validation");

            String someoneElse = server.listenerToken();
            ProblemAssert.assertProblem(server.get("/api/v1/me/playlists/" + id, someoneElse), 404, "not-found");

            assertThat(send(server, "DELETE", "/api/v1/me/playlists/" + id, me, null, null, null).statusCode())
                    .isEqualTo(204);
            assertThat(send(server, "DELETE", "/api/v1/me/playlists/" + id, me, null, null, null).statusCode())
                    .isEqualTo(204);
            assertThat(TestServer.json(server.get("/api/v1/me/playlists", me)).get("playlists")).isEmpty();
        }
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, String token,
                                             String json, String header, String value) {
        HttpRequest.Builder b = server.request(path).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (header != null) {
            b.header(header, value);
        }
        return server.send(b.build());
    }
}
