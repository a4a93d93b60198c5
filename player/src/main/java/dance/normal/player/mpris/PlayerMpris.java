package dance.normal.player.mpris;

import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueSnapshot;
import dance.normal.player.queue.RepeatMode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connects a {@link Player} to the desktop over MPRIS: media keys and desktop widgets see what plays and control
 * it, with the album and cover art when the app can say them. Without a session bus it does nothing (see
 * {@link MprisBridge}).
 */
public final class PlayerMpris implements MprisTarget, AutoCloseable {

    /**
     * What the desktop shows beside the title and artist.
     *
     * @param album  the release's title, or empty
     * @param artUrl the cover art as a {@code file://} URL, or null
     */
    public record Extras(String album, String artUrl) {
        public static final Extras NONE = new Extras("", null);
    }

    private final Player player;
    private final MprisBridge bridge;
    private final Function<String, Extras> extrasOf;
    /** The track the extras are for (being looked up, or found), and what was found; guarded by this. */
    private String extrasFor;
    private Extras extras = Extras.NONE;
    private volatile QueueSnapshot queue = new QueueSnapshot(java.util.List.of(), -1, RepeatMode.OFF, false);
    private volatile PlaybackState state = PlaybackState.IDLE;
    private volatile long positionMs;
    private volatile long durationMs = -1;

    private PlayerMpris(Player player, String address, Function<String, Extras> extrasOf) {
        this.player = player;
        this.extrasOf = extrasOf;
        this.bridge = MprisBridge.start(address, "normaldance", "Normal Dance", this);
        player.addListener(new PlayerListener() {
            @Override
            public void onState(PlaybackState newState) {
                state = newState;
                publish();
            }

            @Override
            public void onPosition(long position, long duration) {
                positionMs = position;
                durationMs = duration;
                publish();
            }
        });
        player.withQueue(q -> {
            queue = q.snapshot();
            q.addListener(snapshot -> {
                queue = snapshot;
                publish();
            });
        });
    }

    /**
     * Publishes the player on the session bus named by {@code DBUS_SESSION_BUS_ADDRESS}.
     *
     * @param player the player to show and control
     * @return the connection; {@link #isConnected()} says whether there was a bus
     */
    public static PlayerMpris attach(Player player) {
        return attach(player, track -> Extras.NONE);
    }

    /**
     * @param extrasOf the album and cover art of a track, by its id; may block (it runs on its own virtual thread
     *                 when the track changes, and the desktop hears of them when they are found)
     */
    public static PlayerMpris attach(Player player, Function<String, Extras> extrasOf) {
        return new PlayerMpris(player, System.getenv(MprisBridge.ADDRESS_VARIABLE), extrasOf);
    }

    static PlayerMpris attach(Player player, String address, Function<String, Extras> extrasOf) {
        return new PlayerMpris(player, address, extrasOf);
    }

    public boolean isConnected() {
        return bridge.isConnected();
    }

    /** Synchronized: the player's events and a found cover arrive on different threads, in order here. */
    private synchronized void publish() {
        QueueSnapshot q = queue;
        Optional<QueueItem> current = q.current();
        if (current.isEmpty()) {
            bridge.update(NowPlaying.NOTHING);
            return;
        }
        QueueItem item = current.get();
        long length = durationMs > 0 ? durationMs : item.durationMs();
        NowPlaying.Loop loop = switch (q.repeat()) {
            case OFF -> NowPlaying.Loop.NONE;
            case ONE -> NowPlaying.Loop.TRACK;
            case ALL -> NowPlaying.Loop.PLAYLIST;
        };
        boolean last = q.currentIndex() >= q.items().size() - 1;
        Extras known = extrasOf(item.trackId());
        bridge.update(new NowPlaying(item.trackId(), item.title(), item.artist(), known.album(), known.artUrl(),
                length, status(), Math.max(0, positionMs), player.preferences().volume() / 100.0,
                !last || q.repeat() != RepeatMode.OFF, true, q.shuffle(), loop));
    }

    /** The extras found for this track, or none yet (then they are looked up, and published when found). */
    private synchronized Extras extrasOf(String trackId) {
        if (!bridge.isConnected()) {
            return Extras.NONE; // no desktop to tell: no lookups, no artwork downloads
        }
        if (!trackId.equals(extrasFor)) {
            extrasFor = trackId;
            extras = Extras.NONE;
            Thread.ofVirtual().name("mpris-extras").start(() -> {
                Extras found = lookUp(trackId);
                synchronized (this) {
                    if (!trackId.equals(extrasFor)) {
                        return; // the track changed meanwhile
                    }
                    extras = found;
                }
                publish();
            });
        }
        return extras;
    }

    private Extras lookUp(String trackId) {
        try {
            return Objects.requireNonNullElse(extrasOf.apply(trackId), Extras.NONE);
        } catch (RuntimeException e) {
            return Extras.NONE;
        }
    }

    private NowPlaying.Status status() {
        return switch (state) {
            case PlaybackState.Playing p -> NowPlaying.Status.PLAYING;
            case PlaybackState.Loading l -> NowPlaying.Status.PLAYING;
            case PlaybackState.Buffering b -> NowPlaying.Status.PLAYING;
            case PlaybackState.Paused p -> NowPlaying.Status.PAUSED;
            default -> NowPlaying.Status.STOPPED;
        };
    }

    // ---- Commands from the desktop.

    @Override
    public void play() {
        if (state instanceof PlaybackState.Paused) {
            player.resume();
        } else if (!(state instanceof PlaybackState.Playing)) {
            queue.current().ifPresent(item -> player.playNow(queue.items(), queue.currentIndex()));
        }
    }

    @Override
    public void pause() {
        player.pause();
    }

    @Override
    public void playPause() {
        if (state instanceof PlaybackState.Playing) {
            player.pause();
        } else {
            play();
        }
    }

    @Override
    public void stop() {
        player.stop();
    }

    @Override
    public void next() {
        player.next();
    }

    @Override
    public void previous() {
        player.previous(positionMs);
    }

    @Override
    public void seekBy(long offsetMs) {
        player.seek(Math.max(0, positionMs + offsetMs));
    }

    @Override
    public void seekTo(String trackId, long position) {
        if (queue.current().map(QueueItem::trackId).filter(trackId::equals).isPresent()) {
            player.seek(position);
        }
    }

    @Override
    public void setVolume(double zeroToOne) {
        player.setVolume((int) Math.round(Math.clamp(zeroToOne, 0, 1) * 100));
        publish();
    }

    @Override
    public void setShuffle(boolean on) {
        player.withQueue(q -> q.setShuffle(on));
    }

    @Override
    public void setLoop(NowPlaying.Loop loop) {
        RepeatMode mode = switch (loop) {
            case NONE -> RepeatMode.OFF;
            case TRACK -> RepeatMode.ONE;
            case PLAYLIST -> RepeatMode.ALL;
        };
        player.withQueue(q -> q.setRepeat(mode));
    }

    @Override
    public void close() {
        bridge.close();
    }
}
