package dance.normal.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.ServerWithDatabase;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample peak measured at upload is stored ({@code tracks.peak_dbfs}) and served as {@code peakDbfs}, on both
 * databases; a track without one (uploaded before peaks were measured) is served without it.
 */
class TrackPeakIT {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void uploadedSineIsServedWithItsSamplePeak(Databases.Kind kind) {
        try (ServerWithDatabase env = ServerWithDatabase.start(kind)) {
            TestServer server = env.server();
            String artist = server.signup("artist").get("accessToken").asText();
            JsonNode uploaded = TrackUploads.upload(server, artist, Fixtures.sine("flac", 0.5, 3),
                    TrackUploads.fields("title", "Half Scale Sine"));

            HttpResponse<String> r = server.get("/api/v1/tracks/" + uploaded.get("id").asText(), null);

            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode track = TestServer.json(r);
            assertThat(track.get("peakDbfs")).as(r.body()).isNotNull();
            // Amplitude 0.5 is 20*log10(0.5) = -6.02 dBFS.
            assertThat(track.get("peakDbfs").asDouble()).isCloseTo(-6.0, within(0.5));
            Track stored = env.db().jdbi()
                    .withHandle(h -> env.catalog().findTrack(h, uploaded.get("id").asText())).orElseThrow();
            assertThat(stored.peakDbfs()).isCloseTo(-6.0, within(0.5));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void trackWithoutAMeasuredPeakIsServedWithoutOne(Databases.Kind kind) {
        try (ServerWithDatabase env = ServerWithDatabase.start(kind)) {
            String id = env.db().jdbi().inTransaction(h -> {
                Artist artist = env.catalog().createArtist(h, null, "Before Peaks", "");
                return env.catalog().insertTrack(h, new NewTrack(artist.id(), "Old Release", null, null, "Old Track",
                        1, null, 180_000, "MP3", "audio/mpeg", 192, 1000, "c".repeat(64), -14.0, null)).id();
            });

            HttpResponse<String> r = env.server().get("/api/v1/tracks/" + id, null);

            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode track = TestServer.json(r);
            assertThat(track.get("loudnessLufs").asDouble()).isEqualTo(-14.0);
            assertThat(track.has("peakDbfs")).as("null peak is left out: %s", r.body()).isFalse();
        }
    }
}
