package dance.normal.sync;

import dance.normal.protocol.catalog.Track;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.download.DownloadManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Turns a track into something playable: the verified local file when it is downloaded, otherwise a fresh signed
 * stream URL; and says, without asking the server, whether a track can play right now.
 */
public final class TrackSource {

    /**
     * What to play.
     *
     * @param uri          a {@code file:} URI or a signed {@code http(s):} URL
     * @param local        whether it is the downloaded file
     * @param loudnessLufs the track's measured loudness, or null
     * @param peakDbfs     the track's sample peak, or null
     */
    public record Resolved(URI uri, boolean local, Double loudnessLufs, Double peakDbfs) {
    }

    /** Whether a track can play now. */
    public enum Availability { PLAYABLE, ONLINE_ONLY, UNAVAILABLE }

    /**
     * An availability and, unless playable, the reason in one sentence.
     *
     * @param availability whether it can play
     * @param reason       why not, or null
     */
    public record Status(Availability availability, String reason) {
    }

    private static final String OFFLINE = "Not downloaded, and the server cannot be reached.";

    private final ApiClient api;
    private final CatalogMirror mirror;
    private final DownloadManager downloads;
    private final BooleanSupplier online;

    /**
     * @param online whether the server is reachable now (the SyncService's status)
     */
    public TrackSource(ApiClient api, CatalogMirror mirror, DownloadManager downloads, BooleanSupplier online) {
        this.api = Objects.requireNonNull(api, "api");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.downloads = Objects.requireNonNull(downloads, "downloads");
        this.online = Objects.requireNonNull(online, "online");
    }

    /**
     * Where to play a track from. Blocks while it asks the server for a stream URL.
     *
     * @throws dance.normal.sync.api.ApiException if the track is not downloaded and the server cannot give a URL
     */
    public Resolved resolve(String trackId) {
        Optional<Track> track = mirror.track(trackId);
        Double lufs = track.map(Track::loudnessLufs).orElse(null);
        Double peak = track.map(Track::peakDbfs).orElse(null);
        Optional<Path> file = downloads.verifiedFile(trackId);
        if (file.isPresent()) {
            downloads.markPlayed(trackId);
            return new Resolved(file.get().toUri(), true, lufs, peak);
        }
        return new Resolved(URI.create(api.streamUrl(trackId).url()), false, lufs, peak);
    }

    /**
     * Whether tracks of the mirror can play now, all at once: one read of the downloads however long the list (a
     * 100k-track library included).
     */
    public Map<String, Status> availability(List<Track> tracks) {
        Set<String> kept = downloads.verifiedTrackIds();
        boolean on = online.getAsBoolean();
        Map<String, Status> out = new LinkedHashMap<>();
        for (Track t : tracks) {
            out.put(t.id(), kept.contains(t.id()) ? new Status(Availability.PLAYABLE, null)
                    : on ? new Status(Availability.ONLINE_ONLY, null)
                    : new Status(Availability.UNAVAILABLE, OFFLINE));
        }
        return out;
    }

    /** Whether a track can play now, from local knowledge only (cheap enough for every row of a list). */
    public Status availability(String trackId) {
        if (downloads.verifiedFile(trackId).isPresent()) {
            return new Status(Availability.PLAYABLE, null);
        }
        if (mirror.track(trackId).isEmpty()) {
            return new Status(Availability.UNAVAILABLE, "This track is no longer in the catalog.");
        }
        if (online.getAsBoolean()) {
            return new Status(Availability.ONLINE_ONLY, null);
        }
        return new Status(Availability.UNAVAILABLE, OFFLINE);
    }
}
