package dance.normal.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test server's clock: real time plus an offset a test moves on with {@link #advance}, so time that must pass
 * (a play is paid only for time that has passed since its stream began) passes without sleeping, while tokens,
 * quotes and everything else still see time run. {@link #stopped()} makes one that moves only when the test moves
 * it, so background jobs due "in ten minutes" run exactly when the test says.
 */
public final class TestClock extends Clock {

    private final AtomicLong offsetMs = new AtomicLong();
    /** The instant a stopped clock stands at before any advance; null for a running clock. */
    private final Instant stoppedAt;

    public TestClock() {
        this(null);
    }

    private TestClock(Instant stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    /** A clock standing at the system's now (so tokens signed by the test still line up) until the test moves it. */
    public static TestClock stopped() {
        return new TestClock(Instant.ofEpochMilli(System.currentTimeMillis()));
    }

    public void advance(Duration d) {
        offsetMs.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return (stoppedAt == null ? System.currentTimeMillis() : stoppedAt.toEpochMilli()) + offsetMs.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is UTC");
    }
}
