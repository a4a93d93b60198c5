package dance.normal.server.auth;

import dance.normal.protocol.ProblemType;
import dance.normal.server.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Attempt counters in the database, so limits hold across server processes. An attempt is allowed only if it
 * claims a slot, and claiming is one conditional UPDATE of the subject's row (a fresh window, or one more attempt
 * while under the limit): two concurrent attempts cannot both take the last slot, on SQLite or PostgreSQL. Each
 * subject has a fixed window that starts with its first attempt.
 */
final class Throttle {

    private final Jdbi jdbi;
    private final Clock clock;

    Throttle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Takes one of {@code max} slots of {@code subject}'s window, or refuses with 429 saying when to come back. */
    void claim(String subject, int max, Duration window, String message) {
        long now = clock.millis();
        long expired = now - window.toMillis();
        int claimed = jdbi.withHandle(h -> {
            h.createUpdate("INSERT INTO throttle (subject, window_start, attempts) VALUES (:s, :now, 0) "
                            + "ON CONFLICT (subject) DO NOTHING")
                    .bind("s", subject).bind("now", now).execute();
            return h.createUpdate("UPDATE throttle SET "
                            + "attempts = CASE WHEN window_start <= :expired THEN 1 ELSE attempts + 1 END, "
                            + "window_start = CASE WHEN window_start <= :expired THEN :now ELSE window_start END "
                            + "WHERE subject = :s AND (window_start <= :expired OR attempts < :max)")
                    .bind("s", subject).bind("now", now).bind("expired", expired).bind("max", max).execute();
        });
        if (claimed == 0) {
            long start = jdbi.withHandle(h -> h.createQuery("SELECT window_start FROM throttle WHERE subject = :s")
                    .bind("s", subject).mapTo(Long.class).findOne().orElse(now));
            long retrySeconds = Math.max(1, (start + window.toMillis() - now + 999) / 1000);
            throw new ApiException(ProblemType.TOO_MANY_REQUESTS, 429,
                    message.formatted(Math.max(1, (retrySeconds + 59) / 60)),
                    Map.of("Retry-After", Long.toString(retrySeconds)));
        }
    }

    /** Gives back a slot claimed by an attempt that turned out fine (a right password). */
    void release(String subject) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE throttle SET attempts = attempts - 1 WHERE subject = :s "
                + "AND attempts > 0").bind("s", subject).execute());
    }

    /** Forgets the subject's attempts (the owner proved who they are). */
    void reset(String subject) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM throttle WHERE subject = :s").bind("s", subject).execute());
    }
}
