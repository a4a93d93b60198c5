package dance.normal.server.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.ProblemAssert;
import dance.normal.server.support.Studio;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality report through the real server ({@code GET /api/v1/studio/tracks/{id}/report}) on files made by
 * ffmpeg with known properties, its figures checked against ffmpeg's own EBU R128 measurement of the same file.
 */
class QualityReportIT {

    private static TestServer server;
    private static String artist;
    private static String otherArtist;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        artist = server.signup("artist").get("accessToken").asText();
        otherArtist = server.signup("artist").get("accessToken").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loudnessAndTruePeakAgreeWithFfmpegsOwnMeasurement() {
        Path song = TestAudio.song("mod(n*3,8)", 20, "wav", "-c:a", "pcm_s24le");
        double[] ffmpeg = TestAudio.ebur128(song);

        JsonNode report = report(upload(artist, song, "Measured Song"), artist);

        assertThat(report.path("integratedLufs").asDouble()).isCloseTo(ffmpeg[0], within(0.1));
        assertThat(report.path("truePeakDbtp").asDouble()).isCloseTo(ffmpeg[1], within(0.1));
        assertThat(report.path("codec").asText()).isEqualTo("pcm_s24le");
        assertThat(report.path("bitDepth").asInt()).isEqualTo(24);
        assertThat(report.path("sampleRateHz").asInt()).isEqualTo(44_100);
        assertThat(report.path("channels").asInt()).isEqualTo(2);
        assertThat(report.path("durationMs").asLong()).isCloseTo(20_000, within(50L));
    }

    @Test
    void flacAndMp3AreNamedWithTheirBitDepth() {
        JsonNode flac = report(upload(artist, TestAudio.of("0.5*sin(2*PI*440*t)", 4, "flac", "-sample_fmt", "s16"),
                "Flac Tone"), artist);
        JsonNode mp3 = report(upload(artist, TestAudio.of("0.5*sin(2*PI*440*t)", 4, "mp3", "-c:a", "libmp3lame",
                "-b:a", "128k"), "Mp3 Tone"), artist);

        assertThat(flac.path("codec").asText()).isEqualTo("flac");
        assertThat(flac.path("bitDepth").asInt()).isEqualTo(16);
        assertThat(flac.path("sampleRateHz").asInt()).isEqualTo(44_100);
        assertThat(mp3.path("codec").asText()).isEqualTo("mp3");
        assertThat(mp3.has("bitDepth")).as("a lossy file has no bit depth: %s", mp3).isFalse();
        assertThat(codes(mp3)).contains("lossy_source");
        assertThat(codes(flac)).doesNotContain("lossy_source");
    }

    @Test
    void clippedSamplesAreCountedAndACleanFileHasNone() {
        JsonNode clipped = report(upload(artist, TestAudio.of("1.5*sin(2*PI*440*t)", 3, "wav"), "Too Hot"), artist);
        JsonNode clean = report(upload(artist, TestAudio.of("0.5*sin(2*PI*440*t)", 3, "wav"), "Just Right"),
                artist);

        // |1.5 sin| >= 1 for 1 - (2/pi) asin(2/3) = 53.5 % of the samples, in both channels.
        assertThat(clipped.path("clippedSamples").asLong()).isCloseTo((long) (0.535 * 3 * 44_100 * 2),
                within(3_000L));
        assertThat(codes(clipped)).contains("clipping", "true_peak");
        assertThat(clean.path("clippedSamples").asLong()).isZero();
        assertThat(codes(clean)).doesNotContain("clipping", "true_peak");
    }

    @Test
    void silenceAtTheStartAndTheEndIsMeasured() {
        Path file = TestAudio.of("if(between(t,2.5,4.5),0.5*sin(2*PI*440*t),0)", 10, "wav");

        JsonNode report = report(upload(artist, file, "Late Start"), artist);

        assertThat(report.path("silenceStartMs").asLong()).isCloseTo(2_500, within(50L));
        assertThat(report.path("silenceEndMs").asLong()).isCloseTo(5_500, within(50L));
        assertThat(codes(report)).contains("silence_start", "silence_end");
        assertThat(report.path("warnings").toString()).contains("2.5 seconds of silence before the music starts");
    }

    @Test
    void theWaveformAndThePreviewFollowTheLoudPart() {
        Path file = TestAudio.of("if(between(t,50,85),0.8,0.05)*sin(2*PI*440*t)", 90, "flac", "-sample_fmt", "s16");

        JsonNode report = report(upload(artist, file, "Slow Burner"), artist);

        List<Integer> wave = new ArrayList<>();
        report.path("waveform").forEach(v -> wave.add(v.asInt()));
        assertThat(wave).hasSize(500).allSatisfy(v -> assertThat(v).isBetween(0, 1000));
        double quiet = wave.subList(0, 250).stream().mapToInt(Integer::intValue).average().orElseThrow();
        double loud = wave.subList(300, 450).stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(quiet).isCloseTo(50, within(5.0));
        assertThat(loud).isCloseTo(800, within(10.0));
        long suggested = report.path("suggestedPreviewStartMs").asLong();
        assertThat(suggested).isBetween(49_000L, 55_000L);
        assertThat(report.path("previewStartMs").asLong()).isEqualTo(suggested);
    }

    @Test
    void theStudioListShowsTheSuggestedPreviewUntilTheArtistMovesIt() {
        String track = upload(artist, TestAudio.of("if(between(t,40,75),0.8,0.05)*sin(2*PI*440*t)", 80, "flac",
                "-sample_fmt", "s16"), "Moved Preview");
        long suggested = report(track, artist).path("suggestedPreviewStartMs").asLong();
        assertThat(suggested).isBetween(39_000L, 45_000L);

        assertThat(listedPreview(track)).isEqualTo(suggested);
        HttpResponse<String> moved = Studio.patch(server, "/api/v1/studio/tracks/" + track, artist,
                Map.of("previewStartMs", 12_000));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        assertThat(listedPreview(track)).isEqualTo(12_000);
        JsonNode after = report(track, artist);
        assertThat(after.path("previewStartMs").asLong()).isEqualTo(12_000);
        assertThat(after.path("suggestedPreviewStartMs").asLong()).isEqualTo(suggested);
    }

    private static long listedPreview(String trackId) {
        JsonNode tracks = TestServer.json(server.get("/api/v1/studio/tracks", artist)).path("tracks");
        for (JsonNode t : tracks) {
            if (t.path("id").asText().equals(trackId)) {
                return t.path("previewStartMs").asLong();
            }
        }
        throw new AssertionError("track " + trackId + " is not in the Studio list: " + tracks);
    }

    @Test
    void theSameRecordingUploadedAgainIsFlaggedWithTheTrackItMatches() {
        Path original = TestAudio.song("mod(n*7+1,8)", 30, "flac", "-sample_fmt", "s16");
        String first = upload(artist, original, "First Take");
        String copy = upload(artist, TestAudio.reencode(original, "mp3", "-c:a", "libmp3lame", "-b:a", "96k"),
                "First Take Again");
        String different = upload(artist, TestAudio.song("mod(n*2+5,8)", 30, "flac", "-sample_fmt", "s16"),
                "Second Take");
        String elsewhere = upload(otherArtist, TestAudio.reencode(original, "opus", "-c:a", "libopus"),
                "Borrowed");

        JsonNode copyReport = report(copy, artist);
        assertThat(copyReport.path("duplicateOf").asText()).isEqualTo(first);
        assertThat(copyReport.path("duplicateTitle").asText()).startsWith("First Take by ");
        assertThat(codes(copyReport)).contains("duplicate");
        JsonNode firstReport = report(first, artist);
        assertThat(firstReport.has("duplicateOf")).as("the original is not a copy: %s", firstReport).isFalse();
        assertThat(report(different, artist).has("duplicateOf")).isFalse();
        assertThat(report(elsewhere, otherArtist).path("duplicateOf").asText()).isEqualTo(first);
    }

    @Test
    void anotherArtistsReportIsNotThere() {
        String track = upload(artist, TestAudio.of("0.5*sin(2*PI*440*t)", 3, "wav"), "Mine");

        HttpResponse<String> r = server.get("/api/v1/studio/tracks/" + track + "/report", otherArtist);

        ProblemAssert.assertProblem(r, 404, "not-found");
        assertThat(r.body()).doesNotContain("Mine");
    }

    private static String upload(String token, Path file, String title) {
        return TrackUploads.upload(server, token, file, TrackUploads.fields("title", title)).path("id").asText();
    }

    private static JsonNode report(String trackId, String token) {
        HttpResponse<String> r = server.get("/api/v1/studio/tracks/" + trackId + "/report", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = TestServer.json(r);
        assertThat(report.path("trackId").asText()).isEqualTo(trackId);
        return report;
    }

    private static List<String> codes(JsonNode report) {
        List<String> codes = new ArrayList<>();
        report.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
        return codes;
    }
}
