package dance.normal.app.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueSnapshot;
import dance.normal.player.queue.QueueState;
import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue, the position in its current track and what was played lately, kept in one small file so a restart picks up
 * where the listener was. Each save replaces the file whole (written beside it, then moved over it), so a crash leaves
 * the last complete save; a file that cannot be read is ignored and the app starts with an empty queue.
 */
final class QueueMemory {

    /**
     * What is saved.
     *
     * @param queue      the queue
     * @param positionMs where its current track was
     * @param recent     track ids recently played, the latest first
     */
    record Saved(QueueState queue, long positionMs, List<String> recent) {
        Saved {
            recent = recent == null ? List.of() : List.copyOf(recent);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueueMemory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration SAVE_EVERY = Duration.ofSeconds(2);
    private static final int RECENT_LIMIT = 20;

    private final Path file;
    private final PlayQueue queue;
    // The queue as last changed (read on the player's thread) and the position in its current track.
    private volatile QueueState lastQueue;
    private volatile String lastEntryId;
    private volatile long lastPositionMs;
    private volatile long lastSavedAtNanos;
    /** Track ids played lately, the latest first; written on the player's thread. */
    private volatile List<String> recent = List.of();

    /**
     * @param queue the queue the player will own: listened to from now on, so only hand it to the player after
     */
    QueueMemory(Path file, PlayQueue queue) {
        this.file = file;
        this.queue = queue;
        queue.addListener(this::queueChanged);
    }

    /** Puts the saved queue back into the player (not playing) and saves from then on as it plays. */
    void restoreInto(Player player) {
        player.addListener(new PlayerListener() {
            @Override
            public void onPosition(long positionMs, long durationMs) {
                // A track heard to its end starts over next time.
                positionChanged(durationMs > 0 && positionMs >= durationMs - 1_500 ? 0 : positionMs);
            }
        });
        load().ifPresent(saved -> {
            recent = saved.recent();
            lastPositionMs = saved.positionMs();
            lastEntryId = saved.queue().currentIndex() < 0 ? null
                    : saved.queue().entries().get(saved.queue().currentIndex()).entryId();
            player.restore(saved.queue(), saved.positionMs());
        });
    }

    /** Track ids played lately, the latest first. */
    List<String> recent() {
        return recent;
    }

    /** On the player's thread: the queue changed; a new current track starts at 0 and goes to the recent list. */
    private void queueChanged(QueueSnapshot snapshot) {
        QueueState state = queue.state();
        String entry = snapshot.current().map(QueueItem::entryId).orElse(null);
        if (!Objects.equals(entry, lastEntryId)) {
            lastEntryId = entry;
            lastPositionMs = 0;
            snapshot.current().ifPresent(item -> {
                List<String> now = new ArrayList<>(recent);
                now.remove(item.trackId());
                now.addFirst(item.trackId());
                recent = List.copyOf(now.subList(0, Math.min(now.size(), RECENT_LIMIT)));
            });
        }
        lastQueue = state;
        save();
    }

    /** On the engine's thread: saves the position now and then (and the queue with it). */
    private void positionChanged(long positionMs) {
        lastPositionMs = positionMs;
        if (System.nanoTime() - lastSavedAtNanos > SAVE_EVERY.toNanos()) {
            save();
        }
    }

    /** Saves the queue as it last was (also when the app closes). */
    synchronized void save() {
        QueueState state = lastQueue;
        if (state != null) {
            lastSavedAtNanos = System.nanoTime();
            write(state, lastPositionMs, recent);
        }
    }

    private Optional<Saved> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Saved.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The saved queue in {} could not be read; starting with an empty queue: {}", file,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private void write(QueueState queue, long positionMs, List<String> recent) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(new Saved(queue, positionMs, recent)));
        } catch (IOException e) {
            LOG.warn("The queue could not be saved to {}: {}", file, e.getMessage());
        }
    }
}
