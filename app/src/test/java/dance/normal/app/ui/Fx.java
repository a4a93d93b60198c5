package dance.normal.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * For screen tests with fake session services: the real JavaFX toolkit (headless Monocle, as the build configures
 * it), a screen's view shown in the test's stage, work on the FX thread, and waiting with a deadline for what the
 * background hands back.
 */
public final class Fx {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    public static final I18n ENGLISH = new I18n(Locale.ENGLISH);

    private Fx() {
    }

    /** Starts the toolkit once per test JVM. */
    public static void start() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Shows {@code view} as the stage's scene, as the shell shows a screen. */
    public static void show(Parent view) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        run(() -> {
            stage.setScene(new Scene(view, 1000, 700));
            stage.show();
        });
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    public static <T> T call(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until {@code done} holds (checked on the FX thread), failing with {@code what} at the deadline. */
    public static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!call(done::getAsBoolean)) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The node with {@code id} in {@code view} (the user finds it on screen). */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T find(Parent view, String id) {
        Node node = view.lookup("#" + id);
        assertThat(node).as("#" + id).isNotNull();
        return (T) node;
    }
}
