package dance.normal.app.ui;

import dance.normal.app.session.CatalogService;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.TrackSource;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A track as a list shows it: whether it can play now, whether it is kept on this device, and, when it cannot
 * play, why, in the listener's language.
 *
 * @param track      the track
 * @param playable   whether it can play now
 * @param downloaded whether it is kept on this device
 * @param reason     why it cannot play, one sentence, or null
 */
public record TrackRow(Track track, boolean playable, boolean downloaded, String reason) {

    /**
     * Plays the playable rows, starting at the chosen one.
     *
     * @return false, playing nothing, when the chosen row cannot play now
     */
    public static boolean play(List<TrackRow> rows, int index, BiConsumer<List<Track>, Integer> onPlay) {
        if (index < 0 || index >= rows.size() || !rows.get(index).playable()) {
            return false;
        }
        List<Track> playable = rows.stream().filter(TrackRow::playable).map(TrackRow::track).toList();
        onPlay.accept(playable, playable.indexOf(rows.get(index).track()));
        return true;
    }

    /** Rows for {@code tracks}, from local knowledge only; does database work, so never on the FX thread. */
    public static List<TrackRow> of(CatalogService catalog, List<Track> tracks, I18n i18n) {
        Map<String, TrackSource.Status> status = catalog.availability(tracks);
        return tracks.stream().map(t -> {
            TrackSource.Status s = status.get(t.id());
            return switch (s.availability()) {
                case PLAYABLE -> new TrackRow(t, true, true, null);
                case ONLINE_ONLY -> new TrackRow(t, true, false, null);
                case UNAVAILABLE -> new TrackRow(t, false, false, catalog.online()
                        ? i18n.get("track.gone") : i18n.get("track.offlineReason"));
            };
        }).toList();
    }
}
