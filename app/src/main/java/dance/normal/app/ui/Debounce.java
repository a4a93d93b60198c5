package dance.normal.app.ui;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * "Wait until the typing stops": each {@link #run} replaces the one before it, and the action runs on the FX thread
 * once {@code delay} has passed without a newer one (a preview asked of the server as an artist types, not on every
 * key). The delay is kept by the JDK's shared timer; whether a request is still the newest is decided on the FX
 * thread, where every call to this class is made.
 */
public final class Debounce {

    private final Executor later;
    private long newest;

    /** Runs the newest action {@code delay} after it was asked for, on {@code fxThread}. */
    public Debounce(Duration delay, Executor fxThread) {
        this.later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, fxThread);
    }

    /** Runs {@code action} after the delay, unless another run (or a cancel) comes first. */
    public void run(Runnable action) {
        long mine = ++newest;
        later.execute(() -> {
            if (mine == newest) {
                action.run();
            }
        });
    }

    /** Drops the action waiting, if any (a screen put away). */
    public void cancel() {
        newest++;
    }
}
