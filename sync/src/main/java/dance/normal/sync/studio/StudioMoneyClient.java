package dance.normal.sync.studio;

import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.sync.api.ApiClient;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Studio's money routes (docs/studio.md), for the signed-in artist: an offering's preview and opening it, the
 * earnings, the plays not counted and why, a track's holders, and the statement as CSV. Every call goes through
 * {@link ApiClient#call}, so sessions, retries and the circuit breaker are the client's. Blocking: never call it on
 * a UI thread.
 */
public final class StudioMoneyClient {

    /** A track id as the server makes them (a UUID, or the demo's short ids); anything else never reaches a path. */
    private static final Pattern TRACK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private final ApiClient api;

    public StudioMoneyClient(ApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** What an offering would mean in money, by the server's royalty rules; a read, so it is retried. */
    public OfferingPreview preview(OfferingPreviewRequest request) {
        return api.call("POST", "/api/v1/studio/offerings/preview", request, OfferingPreview.class, Map.of(), true);
    }

    /** Opens the offering; not repeated (a second one would be refused as a conflict anyway). */
    public Offering open(OfferingRequest request) {
        trackId(request.trackId());
        return api.call("POST", "/api/v1/offerings", request, Offering.class, Map.of(), false);
    }

    /** The earnings of the last {@code days} days (1 to 366) by day, and by track over all time. */
    public StudioEarnings earnings(int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be 1 to 366");
        }
        return api.get("/api/v1/studio/earnings?days=" + days, StudioEarnings.class);
    }

    /** How many plays of each track were paid, and why the others were not. */
    public PlayReasons playReasons() {
        return api.get("/api/v1/me/artist/plays", PlayReasons.class);
    }

    /** Who holds the track's tokens (pseudonyms only). */
    public TrackHolders holders(String trackId) {
        return api.get("/api/v1/studio/tracks/" + trackId(trackId) + "/holders", TrackHolders.class);
    }

    /** The artist's statement as the server writes it ({@code text/csv}), bytes as sent. */
    public byte[] statementCsv() {
        return api.call("GET", "/api/v1/studio/statement.csv", null, byte[].class, Map.of("Accept", "text/csv"),
                true);
    }

    private static String trackId(String id) {
        if (id == null || !TRACK_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a track id: " + id);
        }
        return id;
    }
}
