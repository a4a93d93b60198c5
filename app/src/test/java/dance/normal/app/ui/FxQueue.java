package dance.normal.app.ui;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the FX thread in fast tests: deliveries wait in a queue until the test runs them, on its own
 * thread, one at a time, as the FX thread would.
 */
public final class FxQueue implements Executor {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final BlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable delivery) {
        waiting.add(delivery);
    }

    /** Waits (up to a deadline) for the next delivery and returns it without running it. */
    public Runnable next() {
        try {
            Runnable r = waiting.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("nothing was delivered within " + DEADLINE);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the next delivery and runs it. */
    public void runNext() {
        next().run();
    }

    /** Runs every delivery waiting now. */
    public void runWaiting() {
        for (Runnable r = waiting.poll(); r != null; r = waiting.poll()) {
            r.run();
        }
    }
}
