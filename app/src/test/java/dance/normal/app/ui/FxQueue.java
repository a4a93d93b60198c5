package dance.normal.app.ui;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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

    /**
     * Runs deliveries as they come until {@code done} holds, failing after the deadline: the one way fast screen
     * tests wait for a controller's background work and its delivery to the (stand-in) FX thread.
     */
    public void runUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        runWaiting();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not done within " + DEADLINE);
            }
            try {
                Runnable r = waiting.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
                if (r != null) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Runs every delivery waiting now. */
    public void runWaiting() {
        for (Runnable r = waiting.poll(); r != null; r = waiting.poll()) {
            r.run();
        }
    }
}
