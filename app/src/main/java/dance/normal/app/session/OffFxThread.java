package dance.normal.app.session;

import javafx.application.Platform;

/**
 * The guard of every blocking call of the session (file, database, network, key derivation, signing): it fails
 * loudly on the JavaFX thread. Here, so the session depends on no other package of the app.
 */
public final class OffFxThread {

    private OffFxThread() {
    }

    /** Fails when called on the FX thread, naming {@code what} was asked. */
    public static void require(String what) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException(what + " must not run on the JavaFX thread");
        }
    }
}
