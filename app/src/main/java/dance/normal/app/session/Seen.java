package dance.normal.app.session;

import java.time.Instant;

/**
 * What the server said, or, when it cannot be reached, what it said last time (kept in the listener's local store),
 * with when.
 *
 * @param value   what was said
 * @param asOf    when the server said it
 * @param offline whether this is the copy kept here
 */
public record Seen<T>(T value, Instant asOf, boolean offline) {
}
