package dance.normal.player.queue;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Entry ids address a queue's entries: finding one, and refusing a second entry with the same id. */
final class EntryIds {

    private EntryIds() {
    }

    /** The index of the entry {@code entryId} in {@code entries}, or {@code -1}. */
    static int indexOf(List<QueueItem> entries, String entryId) {
        Objects.requireNonNull(entryId, "entryId");
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).entryId().equals(entryId)) {
                return i;
            }
        }
        return -1;
    }

    /** The entry ids of {@code entries}. */
    static Set<String> of(List<QueueItem> entries) {
        Set<String> ids = new HashSet<>();
        for (QueueItem item : entries) {
            ids.add(item.entryId());
        }
        return ids;
    }

    /**
     * A copy of {@code items}, refused when an id is given twice or is {@code taken}: two entries with one id would
     * make remove and jump ambiguous.
     */
    static List<QueueItem> requireUnique(List<QueueItem> items, Set<String> taken) {
        List<QueueItem> copy = List.copyOf(items);
        Set<String> seen = new HashSet<>();
        for (QueueItem item : copy) {
            if (taken.contains(item.entryId()) || !seen.add(item.entryId())) {
                throw new IllegalArgumentException("entry " + item.entryId() + " is already queued; queue the track "
                        + "again with QueueItem.asNewEntry()");
            }
        }
        return copy;
    }
}
