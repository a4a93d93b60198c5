package dance.normal.player.mpris;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * The MPRIS property values for a {@link NowPlaying}, with the D-Bus signatures the spec requires. Pure functions;
 * values compare by content, so the bridge can tell which properties changed.
 */
final class MprisProperties {

    static final String ROOT_INTERFACE = "org.mpris.MediaPlayer2";
    static final String PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player";
    static final String POSITION = "Position";
    /** The spec's track id for "no track". */
    static final String NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack";
    static final String TRACK_PATH_PREFIX = "/dance/normal/track/";

    /** The properties a client may set, per the spec. */
    static final List<String> WRITABLE = List.of("Volume", "Rate", "Shuffle", "LoopStatus");

    private static final String METADATA_SIGNATURE = "a{sv}";

    private MprisProperties() {
    }

    /**
     * The object path that stands for a track id: letters and digits stay, every other byte of the UTF-8 text
     * becomes {@code _XX} (hex), so distinct ids get distinct paths and the path is always valid.
     */
    static String trackPath(String trackId) {
        if (trackId.isEmpty()) {
            return NO_TRACK;
        }
        StringBuilder path = new StringBuilder(TRACK_PATH_PREFIX);
        for (byte b : trackId.getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
                path.append((char) b);
            } else {
                path.append('_').append(String.format("%02X", b & 0xff));
            }
        }
        return path.toString();
    }

    /** {@return the properties of org.mpris.MediaPlayer2} */
    static Map<String, Variant<?>> root(String identity, boolean canRaise, boolean canQuit) {
        Map<String, Variant<?>> props = new LinkedHashMap<>();
        props.put("CanQuit", new Variant<>(canQuit));
        props.put("CanRaise", new Variant<>(canRaise));
        props.put("HasTrackList", new Variant<>(false));
        props.put("Identity", new Variant<>(identity));
        props.put("SupportedUriSchemes", new Variant<>(List.of(), "as"));
        props.put("SupportedMimeTypes", new Variant<>(List.of(), "as"));
        return props;
    }

    /**
     * The properties of org.mpris.MediaPlayer2.Player except {@value #POSITION}, which is read on demand and never
     * announced in PropertiesChanged.
     */
    static Map<String, Variant<?>> player(NowPlaying np) {
        Map<String, Variant<?>> props = new LinkedHashMap<>();
        props.put("PlaybackStatus", new Variant<>(playbackStatus(np.status())));
        props.put("LoopStatus", new Variant<>(loopStatus(np.loop())));
        props.put("Rate", new Variant<>(1.0));
        props.put("Shuffle", new Variant<>(np.shuffle()));
        props.put("Metadata", new Variant<>(metadata(np), METADATA_SIGNATURE));
        props.put("Volume", new Variant<>(np.volume()));
        props.put("MinimumRate", new Variant<>(1.0));
        props.put("MaximumRate", new Variant<>(1.0));
        props.put("CanGoNext", new Variant<>(np.canGoNext()));
        props.put("CanGoPrevious", new Variant<>(np.canGoPrevious()));
        props.put("CanPlay", new Variant<>(np.hasTrack()));
        props.put("CanPause", new Variant<>(np.hasTrack()));
        props.put("CanSeek", new Variant<>(np.hasTrack() && np.lengthMs() > 0));
        // The spec says CanControl must not change; the player is always controllable.
        props.put("CanControl", new Variant<>(true));
        return props;
    }

    /** {@return the Position property: microseconds} */
    static Variant<Long> position(long positionMs) {
        return new Variant<>(positionMs * 1000);
    }

    /** The Metadata map; empty when no track is loaded, as the spec allows. */
    static Map<String, Variant<?>> metadata(NowPlaying np) {
        Map<String, Variant<?>> meta = new LinkedHashMap<>();
        if (!np.hasTrack()) {
            return meta;
        }
        meta.put("mpris:trackid", new Variant<>(new DBusPath(trackPath(np.trackId())), "o"));
        if (np.lengthMs() > 0) {
            meta.put("mpris:length", new Variant<>(np.lengthMs() * 1000));
        }
        if (!np.title().isEmpty()) {
            meta.put("xesam:title", new Variant<>(np.title()));
        }
        if (!np.artist().isEmpty()) {
            meta.put("xesam:artist", new Variant<>(List.of(np.artist()), "as"));
        }
        if (!np.album().isEmpty()) {
            meta.put("xesam:album", new Variant<>(np.album()));
        }
        if (np.artUrl() != null && !np.artUrl().isEmpty()) {
            meta.put("mpris:artUrl", new Variant<>(np.artUrl()));
        }
        return meta;
    }

    static String playbackStatus(NowPlaying.Status status) {
        return switch (status) {
            case PLAYING -> "Playing";
            case PAUSED -> "Paused";
            case STOPPED -> "Stopped";
        };
    }

    static String loopStatus(NowPlaying.Loop loop) {
        return switch (loop) {
            case NONE -> "None";
            case TRACK -> "Track";
            case PLAYLIST -> "Playlist";
        };
    }

    /** {@return the loop for an MPRIS LoopStatus text, or null if it is none of the three} */
    static NowPlaying.Loop parseLoop(String text) {
        return switch (text) {
            case "None" -> NowPlaying.Loop.NONE;
            case "Track" -> NowPlaying.Loop.TRACK;
            case "Playlist" -> NowPlaying.Loop.PLAYLIST;
            default -> null;
        };
    }
}
