package dance.normal.app.ui;

import java.net.URI;

/**
 * Opens a web page in the listener's own browser (Stripe's payment page, where a real card is typed: never in this
 * app). A port so the UI tests can see what would open: there is no browser under headless Monocle. May start a
 * process, so it is called off the FX thread.
 */
@FunctionalInterface
public interface Browser {

    void open(URI page);
}
