package dance.normal.server.upload;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A resumable upload's last PATCH answers once the bytes are stored and decode in full; its loudness, true peak,
 * quality report and fingerprint are measured after the answer, durably (decision 0038, "Measuring after the 204").
 * Until then its report and its publishing answer 409 {@code being-checked}; a server that stopped before measuring
 * finishes the job when it starts again.
 */
class MeasuredAfterUploadIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theReportOfAnUploadedDraftAppearsAfterTheAnswerAndAPendingOneIsFinishedByTheJob(Databases.Kind kind)
            throws Exception {
        AtomicReference<String> jdbc = new AtomicReference<>();
        try (TestServer server = TestServer.start(kind, config -> {
            jdbc.set(config.jdbcUrl().orElse("jdbc:sqlite:" + config.dataDir().resolve("normal-dance.db")));
            return config;
        })) {
            String artist = server.signup("artist").get("accessToken").asText();
            String track = tusUpload(server, artist, Fixtures.audio("wav", 3, "Measured Later " + kind));

            JsonNode report = awaitReport(server, artist, track);
            assertThat(report.path("integratedLufs").isNumber()).as(report.toString()).isTrue();
            assertThat(number(jdbc.get(), "SELECT loudness_lufs FROM tracks WHERE id = ?", track))
                    .as("the draft's loudness, filled in by the analysis")
                    .isCloseTo(report.path("integratedLufs").asDouble(), within(0.01));

            // As a crash between the answer and the measurement leaves it: the draft with no report.
            execute(jdbc.get(), "DELETE FROM quality_reports WHERE track_id = ?", track);
            assertProblem(server.get("/api/v1/studio/tracks/" + track + "/report", artist), 409, "being-checked");
            assertProblem(server.postJson("/api/v1/studio/tracks/" + track + "/publish", artist, "{}"), 409,
                    "being-checked");

            server.server().quality().analyzeCatalog(); // the job a start runs: drafts without a report
            HttpResponse<String> again = server.get("/api/v1/studio/tracks/" + track + "/report", artist);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            HttpResponse<String> published = server.postJson("/api/v1/studio/tracks/" + track + "/publish", artist,
                    "{}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        }
    }

    @Test
    void aMeasurementPendingWhenTheServerStopsIsFinishedAfterItStartsAgain() throws Exception {
        TestServer first = TestServer.start();
        Path dir = first.dataDir();
        String jdbc = "jdbc:sqlite:" + dir.resolve("normal-dance.db");
        String artist = first.signup("artist").get("accessToken").asText();
        // The measuring job of this process is gone (as in a crash right after the answer): nothing measures.
        first.server().quality().close();
        String track = tusUpload(first, artist, Fixtures.audio("wav", 3, "Pending Over A Restart"));

        assertProblem(first.get("/api/v1/studio/tracks/" + track + "/report", artist), 409, "being-checked");
        assertProblem(first.postJson("/api/v1/studio/tracks/" + track + "/publish", artist, "{}"), 409,
                "being-checked");
        assertThat(number(jdbc, "SELECT loudness_lufs FROM tracks WHERE id = ?", track))
                .as("nothing measured before the answer").isNull();
        first.server().close();

        try (TestServer again = TestServer.restart(dir, UnaryOperator.identity())) {
            JsonNode report = awaitReport(again, artist, track);
            assertThat(report.path("integratedLufs").isNumber()).as(report.toString()).isTrue();
            assertThat(number(jdbc, "SELECT loudness_lufs FROM tracks WHERE id = ?", track)).isNotNull();
            HttpResponse<String> published = again.postJson("/api/v1/studio/tracks/" + track + "/publish", artist,
                    "{}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        }
    }

    /** One tus upload in a single PATCH from offset 0; returns the draft's id from {@code Track-Id}. */
    private static String tusUpload(TestServer server, String token, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        HttpResponse<String> created = server.send(request(server, server.url("/api/v1/uploads"), token)
                .header("Upload-Length", Long.toString(bytes.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(
                        file.getFileName().toString().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String url = server.url(created.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> patched = server.send(request(server, url, token).header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
        return patched.headers().firstValue("Track-Id").orElseThrow();
    }

    private static HttpRequest.Builder request(TestServer server, String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + token);
    }

    /** Polls the report until it is there (200), accepting only "being checked" meanwhile, within the deadline. */
    private static JsonNode awaitReport(TestServer server, String token, String track) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            HttpResponse<String> r = server.get("/api/v1/studio/tracks/" + track + "/report", token);
            if (r.statusCode() == 200) {
                return TestServer.json(r);
            }
            assertProblem(r, 409, "being-checked");
            assertThat(System.nanoTime()).as("the report within " + DEADLINE).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static Double number(String jdbc, String sql, String arg) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                double v = rs.getDouble(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static void execute(String jdbc, String sql, String arg) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            s.executeUpdate();
        }
    }
}
