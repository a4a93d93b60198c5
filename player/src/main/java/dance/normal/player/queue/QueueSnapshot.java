package dance.normal.player.queue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The queue at one moment, as a listener or a view sees it.
 *
 * @param items        the entries in play order (shuffled when {@code shuffle} is on)
 * @param currentIndex the index of the current entry in {@code items}, {@code -1} when the queue is empty
 * @param repeat       the repeat mode
 * @param shuffle      whether shuffle is on
 */
public record QueueSnapshot(List<QueueItem> items, int currentIndex, RepeatMode repeat, boolean shuffle) {

    public QueueSnapshot {
        items = List.copyOf(items);
        Objects.requireNonNull(repeat, "repeat");
        if (items.isEmpty() ? currentIndex != -1 : currentIndex < 0 || currentIndex >= items.size()) {
            throw new IllegalArgumentException("currentIndex " + currentIndex + " for " + items.size() + " items");
        }
    }

    /** The current entry, empty when the queue is empty. */
    public Optional<QueueItem> current() {
        return currentIndex < 0 ? Optional.empty() : Optional.of(items.get(currentIndex));
    }

    /** The entries after the current one, in play order. */
    public List<QueueItem> upcoming() {
        return items.subList(currentIndex + 1, items.size());
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
