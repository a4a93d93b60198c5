package dance.normal.server.payments;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops calling a provider that keeps failing: after {@code threshold} failures in a row it is open (skipped) for
 * {@code openFor}, then one trial call decides whether it closes again.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private long openUntil;
    private boolean trialOut;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now; in the half-open state only one at a time does. */
    synchronized boolean allow() {
        if (failures < threshold) {
            return true;
        }
        if (clock.millis() < openUntil || trialOut) {
            return false;
        }
        trialOut = true;
        return true;
    }

    synchronized void succeeded() {
        failures = 0;
        trialOut = false;
    }

    synchronized void failed() {
        failures++;
        trialOut = false;
        if (failures >= threshold) {
            openUntil = clock.millis() + openFor.toMillis();
        }
    }
}
