package dance.normal.protocol.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one circuit breaker: stops calling something that keeps failing (the app's server, a payment provider), so an
 * unreachable peer costs microseconds per call, not a connect timeout. After {@code threshold} failures in a row the
 * breaker opens; calls fail at once until {@code openFor} has passed; then one trial call is let through
 * (half-open): its success closes the breaker, its failure opens it again.
 */
public final class CircuitBreaker {

    /** Where the breaker is. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openFor = Objects.requireNonNull(openFor, "openFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a call may go out now; a half-open breaker lets exactly one through. */
    public synchronized boolean allow() {
        State now = state();
        if (now == State.CLOSED) {
            return true;
        }
        if (now == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    /** The call went through (for a server: it answered, whatever it said). */
    public synchronized void success() {
        failures = 0;
        openedAt = null;
        trialInFlight = false;
    }

    /** The call failed to go through (for a server: it could not be reached). */
    public synchronized void failure() {
        failures++;
        trialInFlight = false;
        if (failures >= threshold) {
            openedAt = clock.instant();
        }
    }

    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }
}
