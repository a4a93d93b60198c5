package dance.normal.player.plays;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Decides when a play qualifies: once the listener has actually heard 30 s, or half of a track shorter than a
 * minute — the server's rule. Heard time is what the position advanced in small steps, so seeking forward does not
 * count and seeking back does not count twice. Each play qualifies at most once; a new play starts with
 * {@link #start}.
 *
 * <p>Not thread-safe: feed it from the player's event thread.
 */
public final class PlayQualifier {

    public static final long QUALIFYING_MS = 30_000;
    /** Position steps larger than this are seeks, not listening (positions arrive at about 4 Hz). */
    static final long MAX_STEP_MS = 2_000;

    private final Clock clock;
    private final Consumer<QualifiedPlay> onQualified;
    private String trackId;
    private long durationMs;
    private Instant startedAt;
    private UUID playId;
    private long lastPositionMs;
    private long heardMs;
    private boolean qualified;

    public PlayQualifier(Clock clock, Consumer<QualifiedPlay> onQualified) {
        this.clock = clock;
        this.onQualified = onQualified;
    }

    /** A new play of {@code trackId} begins (also when the same track is played again). */
    public void start(String trackId, long durationMs) {
        this.trackId = Objects.requireNonNull(trackId);
        this.durationMs = durationMs;
        this.startedAt = clock.instant();
        this.playId = UUID.randomUUID();
        this.lastPositionMs = -1;
        this.heardMs = 0;
        this.qualified = false;
    }

    /** A position report from the engine while playing. */
    public void position(long positionMs) {
        if (trackId == null || qualified) {
            return;
        }
        if (lastPositionMs >= 0) {
            long step = positionMs - lastPositionMs;
            if (step > 0 && step <= MAX_STEP_MS) {
                heardMs += step;
            }
        }
        lastPositionMs = positionMs;
        if (heardMs >= QUALIFYING_MS || (durationMs > 0 && heardMs * 2 >= durationMs)) {
            qualified = true;
            onQualified.accept(new QualifiedPlay(playId, trackId, startedAt, heardMs));
        }
    }

    /** Listening time of the current play so far. */
    public long heardMs() {
        return heardMs;
    }
}
