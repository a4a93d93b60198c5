package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** An artist with one uploaded track and an open token offering for it. */
public record Market(String artistToken, String artistId, String trackId, JsonNode offering) {

    /** Signs up an artist, uploads a short track and opens an offering for it. */
    public static Market open(Api server, long supply, long priceMicros, int holderShareBp, Long cap) {
        return open(server, server.signup("artist").get("accessToken").asText(), supply, priceMicros, holderShareBp,
                cap);
    }

    /** Uploads a short track as the artist signed in with {@code token} and opens an offering for it. */
    public static Market open(Api server, String token, long supply, long priceMicros, int holderShareBp,
                              Long cap) {
        JsonNode track = TrackUploads.upload(server, token, Fixtures.audio("mp3", 2, "Token Song"));
        String trackId = track.get("id").asText();
        Map<String, Object> body = new HashMap<>(Map.of("trackId", trackId, "supply", supply, "priceMicros",
                priceMicros, "holderShareBp", holderShareBp));
        if (cap != null) {
            body.put("capPerBuyer", cap);
        }
        HttpResponse<String> r = server.postJson("/api/v1/offerings", token, body);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Opening the offering failed: " + r.statusCode() + " " + r.body());
        }
        return new Market(token, track.get("artistId").asText(), trackId, TestServer.json(r));
    }
}
