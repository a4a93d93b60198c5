package dance.normal.player.queue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The entries a {@link PlayQueue} advanced past, most recent first, at most a limit. Not thread-safe. */
final class QueueHistory {

    private final Deque<QueueItem> entries = new ArrayDeque<>();
    private final int limit;

    /** @param limit how many entries are kept, at least 0 */
    QueueHistory(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("historyLimit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Records {@code item} as the most recent; the oldest goes when the limit is passed. */
    void remember(QueueItem item) {
        if (limit == 0) {
            return;
        }
        entries.addFirst(item);
        while (entries.size() > limit) {
            entries.removeLast();
        }
    }

    List<QueueItem> list() {
        return List.copyOf(entries);
    }

    void clear() {
        entries.clear();
    }
}
