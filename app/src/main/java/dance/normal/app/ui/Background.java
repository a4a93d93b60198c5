package dance.normal.app.ui;

import dance.normal.app.session.OffFxThread;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work off the FX thread (file, database, network, crypto) and hands its result or error back on the FX
 * thread. Errors are logged once here; callers show the user a sentence. Each run returns a {@link Cancellable}:
 * cancelling interrupts the work, and its result or error is never delivered (checked on the FX thread, just before
 * delivery, so a cancel made on the FX thread always wins); forgetting drops the result but lets the work end.
 * {@link Latest} builds "the newest request wins" on it.
 */
public final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Executor fxThread;

    /** Hands results to the JavaFX application thread. */
    public Background() {
        this(Platform::runLater);
    }

    /** Hands results to {@code fxThread} (tests pass a queue they drain, standing in for the FX thread). */
    public Background(Executor fxThread) {
        this.fxThread = fxThread;
    }

    /**
     * Runs {@code work} off the FX thread; once this is closed (the app is stopping), work is dropped.
     *
     * @return the run, to cancel when its result is no longer wanted
     */
    public <T> Cancellable run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future;
        try {
            future = executor.submit(() -> {
                try {
                    T result = work.call();
                    deliver(cancelled, () -> onSuccess.accept(result));
                } catch (Exception | Error e) {
                    if (cancelled.get()) {
                        LOG.debug("Cancelled work ended with {}", e.toString());
                    } else {
                        LOG.warn("Background work failed", e);
                        deliver(cancelled, () -> onError.accept(e));
                    }
                }
                return null;
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debug("The app is stopping; late work dropped");
            return Cancellable.NONE;
        }
        return new Cancellable() {
            @Override
            public void cancel() {
                cancelled.set(true);
                future.cancel(true);
            }

            @Override
            public void forget() {
                cancelled.set(true);
            }
        };
    }

    private void deliver(AtomicBoolean cancelled, Runnable delivery) {
        if (cancelled.get()) {
            return;
        }
        try {
            fxThread.execute(() -> {
                if (!cancelled.get()) {
                    delivery.run();
                }
            });
        } catch (IllegalStateException | RejectedExecutionException stopping) {
            LOG.debug("The FX thread is gone; a late result dropped");
        }
    }

    /** Where results are handed: the FX thread (or what stands in for it in a test); {@link FxEvents} posts there. */
    public Executor fxThread() {
        return fxThread;
    }

    /** Fails loudly when called on the FX thread: guards services that do I/O ({@link OffFxThread}). */
    public static void requireBackground(String what) {
        OffFxThread.require(what);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
