package dance.normal.player.vlc;

import com.sun.jna.Pointer;
import dance.normal.player.AudioEngine;
import dance.normal.player.EngineUnavailableException;
import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.TrackGain;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import uk.co.caprica.vlcj.player.base.Equalizer;
import uk.co.caprica.vlcj.player.base.MediaPlayer;
import uk.co.caprica.vlcj.player.base.MediaPlayerEventAdapter;
import uk.co.caprica.vlcj.player.base.callback.AudioCallbackAdapter;

/**
 * The {@link AudioEngine} on libVLC 3 through vlcj 4.
 *
 * <p>Threads: every libVLC call runs on one "vlc-control" thread, so calls never race and callers never
 * wait. libVLC raises its events on its own native threads; the callbacks here only hand them to the
 * control thread (vlcj's rule: never call libVLC from inside a callback). Listeners are called on a
 * separate "player-events" thread, so a slow listener cannot stall libVLC or the control thread. A
 * "vlc-watchdog" thread notices a libVLC call that does not return and reports
 * {@link PlaybackError.Kind#ENGINE_STALLED}, so the owner can replace the engine instead of waiting forever.
 *
 * <p>Gapless: libVLC 3 cannot chain media in one player, so there are two. The media given to
 * {@link #preload} is opened paused in the spare player ({@code :start-paused}: demuxer and decoders ready);
 * when the current one ends, the spare is unpaused and the two swap roles.
 *
 * <p>Position: instead of forwarding libVLC's irregular {@code timeChanged} events, the control thread
 * samples the time every {@value #TICK_MS} ms while playing (and every {@value #FAST_TICK_MS} ms until the
 * first position after a start), which also drives stall detection: when the position has not moved for the
 * stall timeout while playing or loading, the media is restarted once from the last position; a second stall
 * is a {@link PlaybackError.Kind#NETWORK} failure.
 *
 * <p>Loudness and equalizer ride on libVLC's equalizer: the track's gain goes into its pre-amplifier, added
 * to the listener's curve; with the equalizer off and no gain, no filter runs at all.
 *
 * <p>libVLC 3 quirks handled here: volume and mute only stick once an audio output exists, which may be
 * after the "playing" event, so they are applied again at the first position; after the end of a media the
 * player cannot seek, so a seek then becomes the start position of the next {@link #play()}; libVLC reports
 * no reason for an error, so the kind is inferred from the source (a missing file is checked before libVLC sees it).
 *
 * <p>Length: the one class of the project over 500 lines, on purpose. Everything above is one state machine owned by
 * the control thread (the two slots, their generations, the pending seek and start position, the stall clock); split
 * into parts, each would reach into the others' state, and the rule that only the control thread touches it would
 * no longer be visible in one place. {@code ClassLengthTest} names it as its only exception.
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

    /** The default time a libVLC call may take before the engine counts as stalled. */
    public static final Duration DEFAULT_WATCHDOG_TIMEOUT = Duration.ofSeconds(10);

    static final String MISSING_MESSAGE = "libVLC was not found; install it with "
            + "'sudo apt-get install libvlc5 vlc-plugin-base' (on other systems, install VLC 3).";

    private static final Logger LOG = LoggerFactory.getLogger(VlcEngine.class);
    private static final long TICK_MS = 250;
    private static final long FAST_TICK_MS = 10;
    /** How long positions may lag a seek before libVLC's own time is believed again. */
    private static final long SEEK_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long SEEK_TOLERANCE_MS = 250;
    private static final long FAST_TICK_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * libVLC's equalizer divides its input by four (-12 dB) and its presets add 12 dB of pre-amplification back
     * (Flat is +12): unity gain is a preamp of 12 dB. Presets and settings here count from unity.
     */
    private static final double UNITY_PREAMP_DB = 12;
    /** The pre-amplifier's range in libVLC: so from unity, -32 to +8 dB. */
    private static final double PREAMP_LIMIT_DB = 20;
    /** How long before the end of a media the end is watched closely: more than libVLC's audio buffers hold. */
    private static final long END_WATCH_MS = 2_500;

    private final MediaPlayerFactory factory;
    private final ScheduledExecutorService control;
    private final ScheduledExecutorService watchdog;
    private final ExecutorService events;
    private volatile Runnable afterTick = () -> {
    };
    private final List<PlayerListener> listeners = new CopyOnWriteArrayList<>();
    private final List<EqualizerPreset> presets;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean stallReported = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final long stallTimeoutNanos;
    private final long watchdogTimeoutNanos;
    /** When the control thread started its current task, 0 while it is idle. */
    private volatile long busySinceNanos;

    // Everything below is touched only on the control thread.
    private Slot current;
    private Slot spare;
    private PlaybackState state = PlaybackState.IDLE;
    /** The current slot holds its media opened and paused at the start: play() only unpauses. */
    private boolean primed;
    private long startAtMs;
    private long lastTimeMs;
    private long durationMs = -1;
    private long lastProgressNanos;
    private long startedNanos;
    private boolean progressed;
    private boolean watchingEnd;
    private boolean retried;
    private long seekTargetMs = -1;
    private long seekNanos;
    private long seekOnPlayingMs = -1;
    private int volume = 100;
    private boolean muted;
    private EqualizerSettings equalizer = EqualizerSettings.OFF;
    private volatile String trustDir;

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
        this(new NativeDiscovery(), libVlcOptions, stallTimeout, DEFAULT_WATCHDOG_TIMEOUT, null);
    }

    VlcEngine(NativeDiscovery discovery, List<String> libVlcOptions, Duration stallTimeout,
              Duration watchdogTimeout, AudioTap tap) {
        Objects.requireNonNull(libVlcOptions, "libVlcOptions");
        if (stallTimeout.toMillis() < 2 * TICK_MS) {
            throw new IllegalArgumentException("stallTimeout must be at least " + 2 * TICK_MS + " ms");
        }
        this.stallTimeoutNanos = stallTimeout.toNanos();
        this.watchdogTimeoutNanos = watchdogTimeout.toNanos();
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
        this.presets = readPresets(factory);
        this.current = new Slot(0, tap);
        this.spare = new Slot(1, tap);
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("vlc-control"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("vlc-watchdog"));
        this.events = Executors.newSingleThreadExecutor(daemon("player-events"));
        control.scheduleAtFixedRate(() -> guarded(() -> {
            tick();
            afterTick.run();
        }), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        long check = Math.max(50, watchdogTimeout.toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::checkControlThread, check, check, TimeUnit.MILLISECONDS);
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

    /**
     * Starts libVLC with its audio going to a tap instead of a sound card, for tests and benchmarks.
     *
     * @param stallTimeout how long a media may make no progress before it is retried
     * @param tap          receives every block of audio that would be heard
     * @return the engine
     * @throws EngineUnavailableException if libVLC is not installed or does not start
     */
    public static VlcEngine tapped(Duration stallTimeout, AudioTap tap) {
        return new VlcEngine(new NativeDiscovery(), HEADLESS_OPTIONS, stallTimeout, DEFAULT_WATCHDOG_TIMEOUT,
                Objects.requireNonNull(tap, "tap"));
    }

    // ---- Commands: each one enqueues on the control thread and returns.

    @Override
    public void load(URI newSource, TrackGain gain) {
        Objects.requireNonNull(newSource, "source");
        Objects.requireNonNull(gain, "gain");
        enqueue(() -> doLoad(newSource, gain));
    }

    @Override
    public void preload(URI next, TrackGain gain) {
        Objects.requireNonNull(gain, "gain");
        enqueue(() -> doPreload(next, gain));
    }

    @Override
    public void play() {
        enqueue(this::doPlay);
    }

    @Override
    public void pause() {
        enqueue(() -> {
            if (isActive()) {
                current.player.controls().setPause(true);
                setState(PlaybackState.PAUSED);
            }
        });
    }

    @Override
    public void resume() {
        enqueue(() -> {
            if (state instanceof PlaybackState.Paused) {
                current.player.controls().setPause(false);
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
            current.player.audio().setVolume(clamped);
        });
    }

    @Override
    public void setMuted(boolean mute) {
        enqueue(() -> {
            muted = mute;
            current.player.audio().setMute(mute);
        });
    }

    @Override
    public void setEqualizer(EqualizerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        enqueue(() -> {
            equalizer = settings;
            applyEqualizer(current);
            applyEqualizer(spare);
        });
    }

    @Override
    public List<EqualizerPreset> equalizerPresets() {
        return presets;
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

    /** Runs a task on the control thread as a command would run; for tests that need it to hang there. */
    void enqueueForTest(Runnable task) {
        enqueue(task);
    }

    /**
     * Runs a task on the control thread after each regular tick from now on; for tests that must know a tick has
     * come and gone (that nothing was sampled while paused, say).
     */
    void afterEachTickForTest(Runnable task) {
        afterTick = Objects.requireNonNull(task, "task");
    }

    // ---- Control thread.

    private void doLoad(URI newSource, TrackGain gain) {
        stopNative();
        startAtMs = 0;
        durationMs = -1;
        lastTimeMs = 0;
        if (spare.ready() && spare.source.equals(newSource) && spare.gain.equals(gain)) {
            // A skip to the preloaded track: take the opened media over instead of opening it again.
            swapSlots();
            primed = true;
        } else {
            if (newSource.equals(spare.source)) {
                // Still opening, or opened with another gain: it must not take over at the end of this one.
                doPreload(null, TrackGain.NONE);
            }
            current.assign(newSource, gain);
            applyEqualizer(current);
        }
        setState(PlaybackState.IDLE);
    }

    private void doPreload(URI next, TrackGain gain) {
        if (next != null && next.equals(spare.source) && gain.equals(spare.gain)
                && spare.preload != Preload.NONE) {
            return;
        }
        spare.stopPlayer();
        spare.preload = Preload.NONE;
        spare.assign(next, gain);
        if (next == null || precheck(next) != null) {
            // Nothing to preload, or something that will fail: the end is a plain end, play() reports the error.
            return;
        }
        applyEqualizer(spare);
        spare.preload = Preload.OPENING;
        if (!spare.player.media().play(spare.mrl, withTrust(":start-paused"))) {
            spare.preload = Preload.FAILED;
        }
    }

    private void doPlay() {
        if (current.source == null) {
            return;
        }
        switch (state) {
            case PlaybackState.Paused p -> {
                current.player.controls().setPause(false);
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
        PlaybackError problem = precheck(current.source);
        if (problem != null) {
            fail(problem);
            return;
        }
        retried = false;
        progressed = false;
        long from = startAtMs;
        startAtMs = 0;
        if (primed && from == 0) {
            primed = false;
            unpausePrimed();
        } else {
            startNative(from);
        }
    }

    /**
     * Also trusts, over https, the certificates stored as PEM files in {@code dir} (besides the system's authorities,
     * still trusted): the self-signed certificates the listener pinned (decision 0028). Given to each media as it
     * starts, as libVLC's {@code :gnutls-dir-trust}, so a certificate pinned while this engine runs is trusted by the
     * next media, and one removed from {@code dir} no longer is.
     *
     * @param dir the directory of trusted certificates, or {@code null} for the system's authorities only
     */
    public void trustCertificatesIn(Path dir) {
        trustDir = dir == null ? null : dir.toAbsolutePath().toString();
    }

    private String[] withTrust(String... options) {
        String dir = trustDir;
        if (dir == null) {
            return options;
        }
        String[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = ":gnutls-dir-trust=" + dir;
        return all;
    }

    private void startNative(long fromMs) {
        stopNative();
        current.generation++;
        String[] options = fromMs > 0
                ? withTrust(String.format(Locale.ROOT, ":start-time=%.3f", fromMs / 1000.0))
                : withTrust();
        beginPositions(fromMs);
        setState(PlaybackState.LOADING);
        if (!current.player.media().play(current.mrl, options)) {
            fail(errorFor(current.source));
        }
    }

    /** Starts the media the spare player held paused, now the current one; no waiting for libVLC. */
    private void unpausePrimed() {
        current.generation++;
        applyAudio(current);
        current.player.controls().setPause(false);
        beginPositions(0);
        setState(PlaybackState.PLAYING);
        fastTicks();
    }

    private void beginPositions(long fromMs) {
        lastTimeMs = fromMs;
        lastProgressNanos = System.nanoTime();
        startedNanos = lastProgressNanos;
        durationMs = -1;
        // libVLC reports 0 until it has applied the start time; report the start time meanwhile.
        seekTargetMs = fromMs > 0 ? fromMs : -1;
        seekNanos = lastProgressNanos;
    }

    /** Stops libVLC if it has a media going; events it raises while stopping belong to the old generation. */
    private void stopNative() {
        if (isActive() || state instanceof PlaybackState.Paused || primed) {
            current.player.controls().stop();
        }
        primed = false;
        current.generation++;
    }

    /** The spare becomes the current slot; the old current's player is free for the next preload. */
    private void swapSlots() {
        Slot old = current;
        current = spare;
        spare = old;
        spare.preload = Preload.NONE;
        current.preload = Preload.NONE;
    }

    private void doSeek(long target) {
        if (isActive() && !(state instanceof PlaybackState.Loading) || state instanceof PlaybackState.Paused) {
            current.player.controls().setTime(target);
            seekTargetMs = target;
            seekNanos = System.nanoTime();
            lastTimeMs = target;
            lastProgressNanos = seekNanos;
            emitPosition(target);
        } else if (state instanceof PlaybackState.Loading) {
            seekOnPlayingMs = target;
        } else if (current.source != null) {
            startAtMs = target;
            emitPosition(target);
        }
    }

    private void tick() {
        if (!isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (!(state instanceof PlaybackState.Loading)) {
            samplePosition(now);
            keepAudioSettings();
        }
        if (now - lastProgressNanos > stallTimeoutNanos) {
            onStall();
        } else if (spare.ready() && !watchingEnd && durationMs > 0 && lastTimeMs >= durationMs - END_WATCH_MS) {
            watchEnd();
        }
    }

    /**
     * Near the end of a media with its successor ready, wakes libVLC's input thread every
     * {@value #FAST_TICK_MS} ms. libVLC notices that the last sound has played only when that thread wakes,
     * which on its own is every 100 ms: up to 100 ms of silence between gapless tracks. Setting the rate it
     * already has is a no-op to the audio but wakes the thread.
     */
    private void watchEnd() {
        watchingEnd = true;
        int generation = current.generation;
        Runnable[] poke = new Runnable[1];
        poke[0] = () -> guarded(() -> {
            if (generation != current.generation || !isActive() || !spare.ready()) {
                watchingEnd = false;
                return;
            }
            current.player.controls().setRate(1.0f);
            schedule(poke[0], FAST_TICK_MS);
        });
        schedule(poke[0], FAST_TICK_MS);
    }

    private void samplePosition(long now) {
        long time = current.player.status().time();
        long length = current.player.status().length();
        if (length > 0) {
            durationMs = length;
        }
        if (time < 0) {
            return;
        }
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

    /**
     * Samples the position every {@value #FAST_TICK_MS} ms after a start until it first moves, so the first
     * position reaches listeners within milliseconds of the first sound rather than at the next regular tick.
     */
    private void fastTicks() {
        int generation = current.generation;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> guarded(() -> {
            if (generation != current.generation || !(state instanceof PlaybackState.Playing) || progressed) {
                return;
            }
            long now = System.nanoTime();
            long time = current.player.status().time();
            if (time > 0 && seekTargetMs < 0) {
                // Sound is coming out, so the audio output exists now: volume set before it existed was lost.
                applyAudio(current);
                samplePosition(now);
            } else if (now - startedNanos < FAST_TICK_LIMIT_NANOS) {
                schedule(poll[0], FAST_TICK_MS);
            }
        });
        schedule(poll[0], FAST_TICK_MS);
    }

    private void onStall() {
        if (retried) {
            LOG.warn("{} stalled again at {} ms; giving up", current.source, lastTimeMs);
            fail(new PlaybackError(PlaybackError.Kind.NETWORK, "The stream stopped sending data."));
            return;
        }
        retried = true;
        LOG.info("{} stalled at {} ms; retrying once", current.source, lastTimeMs);
        startNative(lastTimeMs);
    }

    private void onNativePlaying() {
        if (state instanceof PlaybackState.Loading || state instanceof PlaybackState.Buffering) {
            applyAudio(current);
            lastProgressNanos = System.nanoTime();
            setState(PlaybackState.PLAYING);
            if (seekOnPlayingMs >= 0) {
                long target = seekOnPlayingMs;
                seekOnPlayingMs = -1;
                doSeek(target);
            }
            fastTicks();
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
            fail(errorFor(current.source));
            return;
        }
        if (durationMs > 0) {
            emitPosition(durationMs);
        }
        if (spare.ready()) {
            advanceToSpare();
            return;
        }
        current.generation++;
        setState(PlaybackState.ENDED);
    }

    /** The gapless hand-over: the preloaded media starts first, then the finished one is stopped. */
    private void advanceToSpare() {
        Slot finished = current;
        swapSlots();
        retried = false;
        progressed = false;
        unpausePrimed();
        finished.stopPlayer();
        URI now = current.source;
        LOG.debug("Gapless hand-over to {}", now);
        emit(l -> l.onAdvanced(now));
    }

    private void onNativeError() {
        if (isActive()) {
            fail(errorFor(current.source));
        }
    }

    private void onSparePaused(Slot slot) {
        if (slot == spare && spare.preload == Preload.OPENING) {
            spare.preload = Preload.READY;
            applyAudio(spare);
        }
    }

    private void onSpareFailed(Slot slot) {
        if (slot == spare && spare.preload != Preload.NONE) {
            LOG.info("Preloading {} failed; it will be opened when its turn comes", spare.source);
            spare.preload = Preload.FAILED;
        }
    }

    private void fail(PlaybackError error) {
        LOG.warn("Playback of {} failed: {}", current.source, error.message());
        stopNative();
        setState(new PlaybackState.Failed(error));
        emit(l -> l.onError(error));
    }

    /**
     * libVLC keeps volume and mute in the audio output, which it may create late or make anew (a filter added, the
     * format changed) at full volume; the output's values are checked each tick and set again when they differ.
     */
    private void keepAudioSettings() {
        int actual = current.player.audio().volume();
        if (actual >= 0 && (actual != volume || current.player.audio().isMute() != muted)) {
            applyAudio(current);
        }
    }

    private void applyAudio(Slot slot) {
        slot.player.audio().setVolume(volume);
        slot.player.audio().setMute(muted);
    }

    /**
     * The listener's curve plus the track's gain in the pre-amplifier; no equalizer at all when neither
     * changes anything, so unaltered tracks are not filtered. libVLC can raise the level by at most 8 dB; a
     * larger boost is cut to that (only very quiet tracks ask for more).
     */
    private void applyEqualizer(Slot slot) {
        double gainDb = slot.gain.db();
        if (!equalizer.enabled() && gainDb == 0) {
            slot.player.audio().setEqualizer(null);
            return;
        }
        Equalizer eq = factory.equalizer().newEqualizer();
        double preamp = gainDb;
        if (equalizer.enabled()) {
            preamp += equalizer.preampDb();
            for (int band = 0; band < Math.min(eq.bandCount(), EqualizerSettings.BANDS); band++) {
                eq.setAmp(band, equalizer.bandsDb().get(band).floatValue());
            }
        }
        eq.setPreamp((float) Math.clamp(UNITY_PREAMP_DB + preamp, -PREAMP_LIMIT_DB, PREAMP_LIMIT_DB));
        slot.player.audio().setEqualizer(eq);
    }

    private void release() {
        try {
            stopNative();
            spare.stopPlayer();
            current.player.release();
            spare.player.release();
            factory.release();
        } catch (RuntimeException e) {
            LOG.warn("Releasing libVLC failed", e);
        } finally {
            control.shutdown();
            watchdog.shutdown();
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

    private static List<EqualizerPreset> readPresets(MediaPlayerFactory factory) {
        List<EqualizerPreset> found = new ArrayList<>();
        for (String name : factory.equalizer().presets()) {
            Equalizer eq = factory.equalizer().newEqualizer(name);
            List<Double> bands = new ArrayList<>();
            for (int band = 0; band < EqualizerSettings.BANDS; band++) {
                bands.add(band < eq.bandCount() ? tenths(eq.amp(band)) : 0.0);
            }
            found.add(new EqualizerPreset(name, tenths(eq.preamp() - (float) UNITY_PREAMP_DB), bands));
        }
        return List.copyOf(found);
    }

    /** libVLC's presets are floats like 4.8000002; a tenth of a dB is finer than anyone hears. */
    private static double tenths(float db) {
        return Math.round(db * 10) / 10.0;
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
            control.execute(() -> guarded(() -> {
                try {
                    command.run();
                } catch (RuntimeException e) {
                    LOG.warn("Player command failed", e);
                    fail(new PlaybackError(PlaybackError.Kind.ENGINE_FAILURE, "The player failed."));
                }
            }));
        } catch (RejectedExecutionException e) {
            LOG.debug("Command after close dropped");
        }
    }

    private void schedule(Runnable task, long delayMs) {
        try {
            control.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Task after close dropped");
        }
    }

    /**
     * Runs a control-thread task under the watchdog's eye. Nothing may escape: a periodic task that throws is
     * never run again.
     */
    private void guarded(Runnable task) {
        busySinceNanos = System.nanoTime();
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Player task failed", e);
        } finally {
            busySinceNanos = 0;
        }
    }

    /** On the watchdog thread: a control-thread task that does not return is reported once. */
    private void checkControlThread() {
        long since = busySinceNanos;
        if (since == 0 || closing.get() || System.nanoTime() - since < watchdogTimeoutNanos) {
            return;
        }
        if (stallReported.compareAndSet(false, true)) {
            LOG.error("libVLC has not returned for {} ms; the engine is stalled",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
            PlaybackError error = new PlaybackError(PlaybackError.Kind.ENGINE_STALLED,
                    "The player stopped responding.");
            PlaybackState failed = new PlaybackState.Failed(error);
            emit(l -> l.onState(failed));
            emit(l -> l.onError(error));
        }
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name).daemon(true).factory();
    }

    /** What the spare player holds. */
    private enum Preload { NONE, OPENING, READY, FAILED }

    /** One libVLC media player and what it holds; the engine has two that take turns. */
    private final class Slot {
        final MediaPlayer player;
        /** Bumped on the control thread whenever the media is stopped or started; stale native events are dropped. */
        volatile int generation;
        URI source;
        String mrl;
        TrackGain gain = TrackGain.NONE;
        Preload preload = Preload.NONE;

        Slot(int index, AudioTap tap) {
            this.player = factory.mediaPlayers().newMediaPlayer();
            player.events().addMediaPlayerEventListener(new NativeEvents(this));
            if (tap != null) {
                player.audio().callback("S16N", AudioTap.RATE, 2, new TapOutput(index, tap), true);
            }
        }

        void assign(URI newSource, TrackGain newGain) {
            source = newSource;
            mrl = newSource == null ? null : newSource.toString();
            gain = newGain;
        }

        boolean ready() {
            return preload == Preload.READY;
        }

        void stopPlayer() {
            generation++;
            player.controls().stop();
        }
    }

    /** libVLC's callbacks, on a native thread: no libVLC calls here, only hand-offs. */
    private final class NativeEvents extends MediaPlayerEventAdapter {

        private final Slot slot;

        NativeEvents(Slot slot) {
            this.slot = slot;
        }

        @Override
        public void playing(MediaPlayer player) {
            fromNative(() -> {
                if (slot == current) {
                    onNativePlaying();
                }
            });
        }

        @Override
        public void paused(MediaPlayer player) {
            fromNative(() -> onSparePaused(slot));
        }

        @Override
        public void buffering(MediaPlayer player, float newCache) {
            fromNative(() -> {
                if (slot == current) {
                    onNativeBuffering(newCache);
                }
            });
        }

        @Override
        public void finished(MediaPlayer player) {
            fromNative(() -> {
                if (slot == current) {
                    onNativeFinished();
                } else {
                    onSpareFailed(slot);
                }
            });
        }

        @Override
        public void error(MediaPlayer player) {
            fromNative(() -> {
                if (slot == current) {
                    onNativeError();
                } else {
                    onSpareFailed(slot);
                }
            });
        }

        /** Runs a native event on the control thread, unless it belongs to a media stopped since. */
        private void fromNative(Runnable handler) {
            int raisedIn = slot.generation;
            enqueue(() -> {
                if (raisedIn == slot.generation) {
                    handler.run();
                }
            });
        }
    }

    /**
     * libVLC's memory audio output feeding an {@link AudioTap}. Draining waits until the last block has been
     * heard, as a sound card's driver does, so the end of a media is reported when its sound ends.
     */
    private static final class TapOutput extends AudioCallbackAdapter {
        private final int index;
        private final AudioTap tap;
        private volatile long endUs;

        TapOutput(int index, AudioTap tap) {
            this.index = index;
            this.tap = tap;
        }

        @Override
        public void play(MediaPlayer mediaPlayer, Pointer samples, int sampleCount, long pts) {
            short[] pcm = samples.getShortArray(0, sampleCount * 2);
            double sum = 0;
            for (short s : pcm) {
                sum += (double) s * s;
            }
            double rms = pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length) / Short.MAX_VALUE;
            endUs = pts + AudioTap.durationUs(sampleCount);
            tap.block(index, pts, sampleCount, rms);
        }

        @Override
        public void drain(MediaPlayer mediaPlayer) {
            long waitUs = endUs - AudioTap.clockUs();
            if (waitUs > 0) {
                try {
                    TimeUnit.MICROSECONDS.sleep(waitUs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void flush(MediaPlayer mediaPlayer, long pts) {
            endUs = 0;
        }

        @Override
        public void setVolume(float volume, boolean mute) {
            // vlcj 4.12.1 hands the mute flag over inverted (AudioCallbacks.SetVolumeCallback: "mute == 0").
            tap.volume(index, volume, !mute);
        }
    }
}
