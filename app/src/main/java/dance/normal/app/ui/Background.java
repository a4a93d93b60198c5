package dance.normal.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work off the FX thread (file, database, network, crypto) and hands its result or error back on the FX
 * thread. Errors are logged once here; callers show the user a sentence.
 */
public final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** Runs {@code work} off the FX thread; once this is closed (the app is stopping), work is dropped. */
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        try {
            executor.submit(() -> {
                try {
                    T result = work.call();
                    Platform.runLater(() -> onSuccess.accept(result));
                } catch (Exception | Error e) {
                    LOG.warn("Background work failed", e);
                    Platform.runLater(() -> onError.accept(e));
                }
                return null;
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debug("The app is stopping; late work dropped");
        }
    }

    /** Fails loudly when called on the FX thread: guards services that do I/O. */
    public static void requireBackground(String what) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException(what + " must not run on the JavaFX thread");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
