package dance.normal.app.ui;

import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once (headless Monocle, see the pom), for fast tests whose controllers build real
 * controls. Nothing is shown; the test's own thread stands in for the FX thread (see {@link FxQueue}).
 */
public final class FxToolkit {

    private static boolean started;

    private FxToolkit() {
    }

    public static synchronized void start() {
        if (!started) {
            Platform.setImplicitExit(false);
            try {
                Platform.startup(() -> { });
            } catch (IllegalStateException alreadyRunning) {
                // started by another test class in this JVM
            }
            started = true;
        }
    }
}
