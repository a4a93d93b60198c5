package dance.normal.player;

import dance.normal.player.plays.PlayQualifier;
import dance.normal.player.plays.QualifiedPlay;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and the engine together: a track that ends moves the queue on ({@link PlayQueue#trackEnded()}) and
 * plays what comes next; positions feed the {@link PlayQualifier}, which reports each qualified play once. The queue
 * is touched only on this player's own thread, so callers on any thread (the UI's included) never block and never
 * race the engine's events.
 */
public final class Player implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Player.class);

    private final AudioEngine engine;
    private final PlayQueue queue;
    private final Function<QueueItem, URI> sources;
    private final PlayQualifier qualifier;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("player").daemon().factory());

    /**
     * @param sources turns a queue item into something the engine can play (a verified local file or a signed
     *                stream URL: sync's TrackSource)
     * @param onQualified hears each qualified play once, on the player's thread
     */
    public Player(AudioEngine engine, PlayQueue queue, Function<QueueItem, URI> sources, Clock clock,
                  Consumer<QualifiedPlay> onQualified) {
        this.engine = engine;
        this.queue = queue;
        this.sources = sources;
        this.qualifier = new PlayQualifier(clock, onQualified);
        engine.addListener(new PlayerListener() {
            @Override
            public void onState(PlaybackState state) {
                if (state instanceof PlaybackState.Ended) {
                    thread.execute(Player.this::advanceAfterEnd);
                }
            }

            @Override
            public void onPosition(long positionMs, long durationMs) {
                thread.execute(() -> qualifier.position(positionMs));
            }
        });
    }

    /** Replaces the queue with {@code items} and plays from {@code index}. */
    public void playNow(List<QueueItem> items, int index) {
        thread.execute(() -> {
            queue.playNow(items, index);
            playCurrent();
        });
    }

    /** Skips to the next track (the listener's skip, not a track that ended). */
    public void next() {
        thread.execute(() -> queue.next().ifPresentOrElse(item -> playCurrent(), engine::stop));
    }

    /** Restarts the current track after 3 s of play, else goes to the previous one. */
    public void previous(long positionMs) {
        thread.execute(() -> {
            queue.previous(positionMs);
            playCurrent();
        });
    }

    public void pause() {
        engine.pause();
    }

    public void resume() {
        engine.resume();
    }

    public void seek(long positionMs) {
        engine.seek(positionMs);
    }

    /** The queue, for reading and for edits that do not change what plays now; only on the player's thread. */
    public void withQueue(Consumer<PlayQueue> action) {
        thread.execute(() -> action.accept(queue));
    }

    private void advanceAfterEnd() {
        Optional<QueueItem> next = queue.trackEnded();
        if (next.isPresent()) {
            playCurrent();
        } else {
            LOG.debug("The queue has ended");
        }
    }

    private void playCurrent() {
        queue.current().ifPresent(item -> {
            qualifier.start(item.trackId(), item.durationMs());
            engine.play(sources.apply(item));
        });
    }

    /** Stops taking commands; the engine is closed by its owner. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
