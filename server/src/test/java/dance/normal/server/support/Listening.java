package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Listening as the app does, so plays have the evidence they are paid from (decision 0024): the track is streamed
 * through a signed stream URL, the server's clock is moved on by the time played, and then the play is sent.
 */
public final class Listening {

    private Listening() {
    }

    /** Streams the whole track through a signed URL for {@code token} (on {@code deviceId}, or none). */
    public static byte[] stream(TestServer server, String token, String trackId, String deviceId, boolean offline) {
        String query = (deviceId == null ? "" : "?device=" + deviceId) + (offline ? "&offline=true" : "");
        HttpResponse<String> url = server.get("/api/v1/tracks/" + trackId + "/stream-url" + query, token);
        if (url.statusCode() != 200) {
            throw new IllegalStateException("No stream URL: " + url.statusCode() + " " + url.body());
        }
        HttpResponse<byte[]> bytes = server.sendBytes(HttpRequest.newBuilder(URI.create(server.url(
                TestServer.json(url).get("url").asText()))).timeout(Duration.ofSeconds(30)).GET().build());
        if (bytes.statusCode() != 200) {
            throw new IllegalStateException("Streaming failed: " + bytes.statusCode());
        }
        return bytes.body();
    }

    /** A play as the app sends it. */
    public static Map<String, Object> play(String trackId, Instant startedAt, long playedMs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", UUID.randomUUID().toString());
        p.put("trackId", trackId);
        p.put("startedAt", startedAt.toString());
        p.put("playedMs", playedMs);
        return p;
    }

    /**
     * {@code count} plays of {@code playedMs} one after the other, each streamed first, the clock moved on past
     * each; the plays, not yet sent.
     */
    public static List<Map<String, Object>> listen(TestServer server, String token, String trackId, int count,
                                                   long playedMs) {
        List<Map<String, Object>> plays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant started = server.clock().instant();
            stream(server, token, trackId, null, false);
            server.clock().advance(Duration.ofMillis(playedMs + 1_000));
            plays.add(play(trackId, started, playedMs));
        }
        return plays;
    }

    /** Listens {@code count} times and sends the plays; fails unless the server answers 200. */
    public static JsonNode listenAndSend(TestServer server, String token, String trackId, int count, long playedMs) {
        return send(server, token, listen(server, token, trackId, count, playedMs));
    }

    public static JsonNode send(TestServer server, String token, List<Map<String, Object>> plays) {
        HttpResponse<String> r = server.postJson("/api/v1/plays", token, Map.of("plays", plays));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Plays refused: " + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }
}
