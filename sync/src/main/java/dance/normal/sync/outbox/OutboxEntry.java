package dance.normal.sync.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One action waiting for the server.
 *
 * @param seq            its place in the outbox: entries are delivered in this order
 * @param kind           what it is
 * @param itemKey        what it is about ({@code track:<id>}, {@code playlist:<id>}): entries about one item are
 *                       delivered strictly in order, and one that cannot go holds back the later ones
 * @param idempotencyKey sent with the delivery, so a delivery repeated after a crash changes nothing on the server
 * @param payload        the request as JSON
 * @param createdAt      when the listener did it
 * @param attempts       deliveries tried so far
 * @param state          pending, or settled as failed or conflicting (kept to be reported, not sent again)
 * @param lastError      the last delivery's error, one sentence, or null
 */
public record OutboxEntry(long seq, Kind kind, String itemKey, String idempotencyKey, String payload,
                          Instant createdAt, int attempts, State state, String lastError) {

    /** The kinds of action. */
    public enum Kind { PLAY, LIKE, UNLIKE, PLAYLIST_CREATE, PLAYLIST_UPDATE, PLAYLIST_DELETE, PURCHASE }

    /** Where an entry is. */
    public enum State { PENDING, FAILED, CONFLICT }

    public OutboxEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemKey, "itemKey");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(state, "state");
    }
}
