package dance.normal.player.queue;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to rebuild a {@link PlayQueue} after a restart: the app saves {@link PlayQueue#state()} and
 * hands it back to {@link PlayQueue#restore(QueueState)}. History is not part of it.
 *
 * @param entries       the entries in play order
 * @param originalOrder the entry ids in the order shuffle-off restores; equal to the play order when not shuffled
 * @param currentIndex  the index of the current entry in {@code entries}, {@code -1} when there are none
 * @param repeat        the repeat mode
 * @param shuffle       whether shuffle is on
 */
public record QueueState(List<QueueItem> entries, List<String> originalOrder, int currentIndex, RepeatMode repeat,
                         boolean shuffle) {

    public QueueState {
        entries = List.copyOf(entries);
        originalOrder = List.copyOf(originalOrder);
        Objects.requireNonNull(repeat, "repeat");
        List<String> playOrder = entries.stream().map(QueueItem::entryId).toList();
        Set<String> ids = new HashSet<>(playOrder);
        if (ids.size() != playOrder.size()) {
            throw new IllegalArgumentException("entry ids are not unique");
        }
        if (originalOrder.size() != playOrder.size() || !ids.equals(new HashSet<>(originalOrder))) {
            throw new IllegalArgumentException("originalOrder is not an order of the entries");
        }
        if (!shuffle && !originalOrder.equals(playOrder)) {
            throw new IllegalArgumentException("without shuffle the original order is the play order");
        }
        if (entries.isEmpty() ? currentIndex != -1 : currentIndex < 0 || currentIndex >= entries.size()) {
            throw new IllegalArgumentException("currentIndex " + currentIndex + " for " + entries.size() + " entries");
        }
    }
}
