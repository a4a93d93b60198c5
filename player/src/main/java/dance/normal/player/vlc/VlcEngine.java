package dance.normal.player.vlc;

import dance.normal.player.AudioEngine;
import dance.normal.player.EngineUnavailableException;
import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.caprica.vlcj.factory.MediaPlayerFactory;
import uk.co.caprica.vlcj.factory.discovery.NativeDiscovery;
import uk.co.caprica.vlcj.player.base.MediaPlayer;
import uk.co.caprica.vlcj.player.base.MediaPlayerEventAdapter;

/**
 * The {@link AudioEngine} on libVLC 3 through vlcj 4.
 *
 * <p>Threads: every libVLC call runs on one "vlc-control" thread, so calls never race and callers never
 * wait. libVLC raises its events on its own native threads; the callbacks here only hand them to the
 * control thread (vlcj's rule: never call libVLC from inside a callback). Listeners are called on a
 * separate "player-events" thread, so a slow listener cannot stall libVLC or the control thread.
 *
 * <p>Position: instead of forwarding libVLC's irregular {@code timeChanged} events, the control thread
 * samples the time every {@value #TICK_MS} ms while playing, which also drives stall detection: when the
 * position has not moved for the stall timeout while playing or loading, the media is restarted once
 * from the last position; a second stall is a {@link PlaybackError.Kind#NETWORK} failure.
 *
 * <p>libVLC 3 quirks handled here: volume and mute only stick once an audio output exists, so they are
 * re-applied when playback starts; after the end of a media the player cannot seek, so a seek then
 * becomes the start position of the next {@link #play()}; libVLC reports no reason for an error, so the
 * kind is inferred from the source (a missing file is checked before libVLC sees it).
 */
public final class VlcEngine implements AudioEngine {

    /**
     * libVLC options for machines without sound: the dummy audio output, no video. libVLC 3.0.24's own
     * Ogg demuxer hangs the player on a seek (every later libVLC call blocks), so FFmpeg's demuxer goes
     * first; it handles all our formats and seeks over HTTP with Range as well.
     */
    public static final List<String> HEADLESS_OPTIONS =
            List.of("--aout=adummy", "--no-video", "--demux=avformat,any", "--quiet");

    /** libVLC options for the desktop app: the default audio output, no video, FFmpeg's demuxer first. */
    public static final List<String> DESKTOP_OPTIONS = List.of("--no-video", "--demux=avformat,any", "--quiet");

    /** The default time without progress after which a playing stream counts as stalled. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(8);

    static final String MISSING_MESSAGE = "libVLC was not found; install it with "
            + "'sudo apt-get install libvlc5 vlc-plugin-base' (on other systems, install VLC 3).";

    private static final Logger LOG = LoggerFactory.getLogger(VlcEngine.class);
    private static final long TICK_MS = 250;
    /** How long positions may lag a seek before libVLC's own time is believed again. */
    private static final long SEEK_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long SEEK_TOLERANCE_MS = 250;

    private final MediaPlayerFactory factory;
    private final MediaPlayer mediaPlayer;
    private final ScheduledExecutorService control;
    private final ExecutorService events;
    private final List<PlayerListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final long stallTimeoutNanos;

    /** Bumped on the control thread whenever a media is stopped or started; stale native events are dropped. */
    private volatile int generation;

    // Everything below is touched only on the control thread.
    private PlaybackState state = PlaybackState.IDLE;
    private URI source;
    private String mrl;
    private long startAtMs;
    private long lastTimeMs;
    private long durationMs = -1;
    private long lastProgressNanos;
    private boolean progressed;
    private boolean retried;
    private long seekTargetMs = -1;
    private long seekNanos;
    private long seekOnPlayingMs = -1;
    private int volume = 100;
    private boolean muted;

    /**
     * Starts libVLC with the given options and the default stall timeout.
     *
     * @param libVlcOptions options for libVLC, e.g. {@link #HEADLESS_OPTIONS}
     * @throws EngineUnavailableException if libVLC is not installed or does not start
     */
    public VlcEngine(List<String> libVlcOptions) {
        this(libVlcOptions, DEFAULT_STALL_TIMEOUT);
    }

    /**
     * Starts libVLC with the given options.
     *
     * @param libVlcOptions options for libVLC, e.g. {@link #HEADLESS_OPTIONS}
     * @param stallTimeout  how long a playing or loading media may make no progress before it is retried
     * @throws EngineUnavailableException if libVLC is not installed or does not start
     */
    public VlcEngine(List<String> libVlcOptions, Duration stallTimeout) {
        this(new NativeDiscovery(), libVlcOptions, stallTimeout);
    }

    VlcEngine(NativeDiscovery discovery, List<String> libVlcOptions, Duration stallTimeout) {
        Objects.requireNonNull(libVlcOptions, "libVlcOptions");
        if (stallTimeout.toMillis() < 2 * TICK_MS) {
            throw new IllegalArgumentException("stallTimeout must be at least " + 2 * TICK_MS + " ms");
        }
        this.stallTimeoutNanos = stallTimeout.toNanos();
        if (!discovery.discover()) {
            throw new EngineUnavailableException(MISSING_MESSAGE, null);
        }
        MediaPlayerFactory newFactory;
        try {
            newFactory = new MediaPlayerFactory(discovery, new ArrayList<>(libVlcOptions));
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException(MISSING_MESSAGE, e);
        }
        if (newFactory.getLibVlcInstance() == null) {
            newFactory.release();
            throw new EngineUnavailableException(MISSING_MESSAGE, null);
        }
        this.factory = newFactory;
        this.mediaPlayer = factory.mediaPlayers().newMediaPlayer();
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("vlc-control"));
        this.events = Executors.newSingleThreadExecutor(daemon("player-events"));
        mediaPlayer.events().addMediaPlayerEventListener(new NativeEvents());
        control.scheduleAtFixedRate(this::safeTick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        LOG.info("libVLC {} started from {}", factory.application().version(), factory.nativeLibraryPath());
    }

    /**
     * Starts libVLC for a machine without sound ({@link #HEADLESS_OPTIONS}).
     *
     * @param stallTimeout how long a media may make no progress before it is retried
     * @return the engine
     * @throws EngineUnavailableException if libVLC is not installed or does not start
     */
    public static VlcEngine headless(Duration stallTimeout) {
        return new VlcEngine(HEADLESS_OPTIONS, stallTimeout);
    }

    // ---- Commands: each one enqueues on the control thread and returns.

    @Override
    public void load(URI newSource) {
        Objects.requireNonNull(newSource, "source");
        enqueue(() -> doLoad(newSource));
    }

    @Override
    public void play() {
        enqueue(this::doPlay);
    }

    @Override
    public void pause() {
        enqueue(() -> {
            if (isActive()) {
                mediaPlayer.controls().setPause(true);
                setState(PlaybackState.PAUSED);
            }
        });
    }

    @Override
    public void resume() {
        enqueue(() -> {
            if (state instanceof PlaybackState.Paused) {
                mediaPlayer.controls().setPause(false);
                lastProgressNanos = System.nanoTime();
                setState(PlaybackState.PLAYING);
            }
        });
    }

    @Override
    public void seek(long positionMs) {
        long target = Math.max(0, positionMs);
        enqueue(() -> doSeek(target));
    }

    @Override
    public void stop() {
        enqueue(() -> {
            stopNative();
            startAtMs = 0;
            setState(PlaybackState.IDLE);
        });
    }

    @Override
    public void setVolume(int percent) {
        int clamped = Math.clamp(percent, 0, 100);
        enqueue(() -> {
            volume = clamped;
            mediaPlayer.audio().setVolume(clamped);
        });
    }

    @Override
    public void setMuted(boolean mute) {
        enqueue(() -> {
            muted = mute;
            mediaPlayer.audio().setMute(mute);
        });
    }

    @Override
    public void addListener(PlayerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(PlayerListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            control.execute(this::release);
        } catch (RejectedExecutionException e) {
            closed.complete(null);
        }
    }

    @Override
    public CompletionStage<Void> whenClosed() {
        return closed;
    }

    // ---- Control thread.

    private void doLoad(URI newSource) {
        stopNative();
        source = newSource;
        mrl = newSource.toString();
        startAtMs = 0;
        durationMs = -1;
        lastTimeMs = 0;
        setState(PlaybackState.IDLE);
    }

    private void doPlay() {
        if (source == null) {
            return;
        }
        switch (state) {
            case PlaybackState.Paused p -> {
                mediaPlayer.controls().setPause(false);
                lastProgressNanos = System.nanoTime();
                setState(PlaybackState.PLAYING);
            }
            case PlaybackState.Playing p -> {
            }
            case PlaybackState.Loading l -> {
            }
            case PlaybackState.Buffering b -> {
            }
            case PlaybackState.Idle i -> startFresh();
            case PlaybackState.Ended e -> startFresh();
            case PlaybackState.Failed f -> startFresh();
        }
    }

    private void startFresh() {
        PlaybackError problem = precheck(source);
        if (problem != null) {
            fail(problem);
            return;
        }
        retried = false;
        progressed = false;
        long from = startAtMs;
        startAtMs = 0;
        startNative(from);
    }

    private void startNative(long fromMs) {
        stopNative();
        generation++;
        String[] options = fromMs > 0
                ? new String[] {String.format(Locale.ROOT, ":start-time=%.3f", fromMs / 1000.0)}
                : new String[0];
        lastTimeMs = fromMs;
        lastProgressNanos = System.nanoTime();
        // libVLC reports 0 until it has applied the start time; report the start time meanwhile.
        seekTargetMs = fromMs > 0 ? fromMs : -1;
        seekNanos = lastProgressNanos;
        setState(PlaybackState.LOADING);
        if (!mediaPlayer.media().play(mrl, options)) {
            fail(errorFor(source));
        }
    }

    /** Stops libVLC if it has a media going; events it raises while stopping belong to the old generation. */
    private void stopNative() {
        if (isActive() || state instanceof PlaybackState.Paused) {
            mediaPlayer.controls().stop();
        }
        generation++;
    }

    private void doSeek(long target) {
        if (isActive() && !(state instanceof PlaybackState.Loading) || state instanceof PlaybackState.Paused) {
            mediaPlayer.controls().setTime(target);
            seekTargetMs = target;
            seekNanos = System.nanoTime();
            lastTimeMs = target;
            lastProgressNanos = seekNanos;
            emitPosition(target);
        } else if (state instanceof PlaybackState.Loading) {
            seekOnPlayingMs = target;
        } else if (source != null) {
            startAtMs = target;
            emitPosition(target);
        }
    }

    /** A periodic task that throws is never run again, so nothing may escape a tick. */
    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Player tick failed", e);
        }
    }

    private void tick() {
        if (!isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (!(state instanceof PlaybackState.Loading)) {
            long time = mediaPlayer.status().time();
            long length = mediaPlayer.status().length();
            if (length > 0) {
                durationMs = length;
            }
            if (time >= 0) {
                if (seekTargetMs >= 0) {
                    // Until libVLC's time reflects the seek it still reports the old position.
                    long sinceSeekMs = TimeUnit.NANOSECONDS.toMillis(now - seekNanos);
                    boolean applied = time >= seekTargetMs - SEEK_TOLERANCE_MS
                            && time <= seekTargetMs + sinceSeekMs + SEEK_TOLERANCE_MS;
                    if (applied || now - seekNanos > SEEK_SETTLE_NANOS) {
                        seekTargetMs = -1;
                    } else {
                        time = seekTargetMs;
                    }
                }
                if (time != lastTimeMs) {
                    lastTimeMs = time;
                    lastProgressNanos = now;
                    progressed |= time > 0;
                }
                emitPosition(time);
            }
        }
        if (now - lastProgressNanos > stallTimeoutNanos) {
            onStall();
        }
    }

    private void onStall() {
        if (retried) {
            LOG.warn("{} stalled again at {} ms; giving up", source, lastTimeMs);
            fail(new PlaybackError(PlaybackError.Kind.NETWORK, "The stream stopped sending data."));
            return;
        }
        retried = true;
        LOG.info("{} stalled at {} ms; retrying once", source, lastTimeMs);
        startNative(lastTimeMs);
    }

    private void onNativePlaying() {
        if (state instanceof PlaybackState.Loading || state instanceof PlaybackState.Buffering) {
            mediaPlayer.audio().setVolume(volume);
            mediaPlayer.audio().setMute(muted);
            lastProgressNanos = System.nanoTime();
            setState(PlaybackState.PLAYING);
            if (seekOnPlayingMs >= 0) {
                long target = seekOnPlayingMs;
                seekOnPlayingMs = -1;
                doSeek(target);
            }
        }
    }

    private void onNativeBuffering(float percent) {
        int whole = Math.clamp(Math.round(percent), 0, 100);
        if (whole < 100 && progressed
                && (state instanceof PlaybackState.Playing || state instanceof PlaybackState.Buffering)) {
            setState(new PlaybackState.Buffering(whole));
        } else if (whole >= 100 && state instanceof PlaybackState.Buffering) {
            setState(PlaybackState.PLAYING);
        }
    }

    private void onNativeFinished() {
        if (!isActive()) {
            return;
        }
        if (!progressed && lastTimeMs <= 0) {
            // libVLC "finishes" a media it could not decode a single frame of (an empty or truncated file).
            fail(errorFor(source));
            return;
        }
        generation++;
        if (durationMs > 0) {
            emitPosition(durationMs);
        }
        setState(PlaybackState.ENDED);
    }

    private void onNativeError() {
        if (isActive()) {
            fail(errorFor(source));
        }
    }

    private void fail(PlaybackError error) {
        LOG.warn("Playback of {} failed: {}", source, error.message());
        stopNative();
        setState(new PlaybackState.Failed(error));
        emit(l -> l.onError(error));
    }

    private void release() {
        try {
            stopNative();
            mediaPlayer.release();
            factory.release();
        } catch (RuntimeException e) {
            LOG.warn("Releasing libVLC failed", e);
        } finally {
            control.shutdown();
            try {
                events.execute(() -> closed.complete(null));
                events.shutdown();
            } catch (RejectedExecutionException e) {
                closed.complete(null);
            }
        }
    }

    private boolean isActive() {
        return state instanceof PlaybackState.Playing || state instanceof PlaybackState.Loading
                || state instanceof PlaybackState.Buffering;
    }

    private static PlaybackError precheck(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                return null;
            }
            case "file" -> {
                Path path;
                try {
                    path = Path.of(uri);
                } catch (IllegalArgumentException e) {
                    return new PlaybackError(PlaybackError.Kind.NOT_FOUND, "The file was not found.");
                }
                if (!Files.exists(path)) {
                    return new PlaybackError(PlaybackError.Kind.NOT_FOUND, "The file was not found.");
                }
                if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                    return new PlaybackError(PlaybackError.Kind.UNREADABLE, "The file cannot be read.");
                }
                return null;
            }
            default -> {
                return new PlaybackError(PlaybackError.Kind.UNREADABLE, "This kind of address cannot be played.");
            }
        }
    }

    private static PlaybackError errorFor(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.startsWith("http")) {
            return new PlaybackError(PlaybackError.Kind.NETWORK, "The stream could not be played.");
        }
        return new PlaybackError(PlaybackError.Kind.UNREADABLE,
                "The file could not be played; it may be damaged or in an unsupported format.");
    }

    private void setState(PlaybackState next) {
        if (next.equals(state)) {
            return;
        }
        state = next;
        emit(l -> l.onState(next));
    }

    private void emitPosition(long positionMs) {
        long duration = durationMs;
        emit(l -> l.onPosition(positionMs, duration));
    }

    private void emit(Consumer<PlayerListener> call) {
        try {
            events.execute(() -> {
                for (PlayerListener listener : listeners) {
                    try {
                        call.accept(listener);
                    } catch (RuntimeException e) {
                        LOG.warn("A player listener failed", e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Event after close dropped");
        }
    }

    private void enqueue(Runnable command) {
        if (closing.get()) {
            return;
        }
        try {
            control.execute(() -> {
                try {
                    command.run();
                } catch (RuntimeException e) {
                    LOG.warn("Player command failed", e);
                    fail(new PlaybackError(PlaybackError.Kind.ENGINE_FAILURE, "The player failed."));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Command after close dropped");
        }
    }

    /** Runs a native event on the control thread, unless it belongs to a media stopped since. */
    private void fromNative(Runnable handler) {
        int raisedIn = generation;
        enqueue(() -> {
            if (raisedIn == generation) {
                handler.run();
            }
        });
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name).daemon(true).factory();
    }

    /** libVLC's callbacks, on a native thread: no libVLC calls here, only hand-offs. */
    private final class NativeEvents extends MediaPlayerEventAdapter {

        @Override
        public void playing(MediaPlayer player) {
            fromNative(VlcEngine.this::onNativePlaying);
        }

        @Override
        public void buffering(MediaPlayer player, float newCache) {
            fromNative(() -> onNativeBuffering(newCache));
        }

        @Override
        public void finished(MediaPlayer player) {
            fromNative(VlcEngine.this::onNativeFinished);
        }

        @Override
        public void error(MediaPlayer player) {
            fromNative(VlcEngine.this::onNativeError);
        }
    }
}
