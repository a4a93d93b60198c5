package dance.normal.player.queue;

import java.util.Objects;
import java.util.UUID;

/**
 * One entry in the queue. The same track may be queued more than once; each time it gets its own
 * {@code entryId}, which is what the queue's operations address.
 *
 * @param trackId    the catalog id of the track
 * @param title      the title to show
 * @param artist     the artist to show
 * @param durationMs the length in milliseconds, {@code 0} when unknown
 * @param entryId    an opaque id, unique within a queue; make a new one with {@link #of} or {@link #asNewEntry()}
 */
public record QueueItem(String trackId, String title, String artist, long durationMs, String entryId) {

    public QueueItem {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(artist, "artist");
        Objects.requireNonNull(entryId, "entryId");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative: " + durationMs);
        }
        if (entryId.isBlank()) {
            throw new IllegalArgumentException("entryId must not be blank");
        }
    }

    /** A new entry for a track, with a fresh entry id. */
    public static QueueItem of(String trackId, String title, String artist, long durationMs) {
        return new QueueItem(trackId, title, artist, durationMs, UUID.randomUUID().toString());
    }

    /** The same track as a new entry, so it can be queued again beside this one. */
    public QueueItem asNewEntry() {
        return of(trackId, title, artist, durationMs);
    }
}
