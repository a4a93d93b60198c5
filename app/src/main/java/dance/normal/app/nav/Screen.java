package dance.normal.app.nav;

import javafx.scene.Node;

/**
 * A screen of the signed-in window, as the shell sees it: its view, and being shown or put away. A screen reads
 * what it shows when it is activated and subscribes to the events it follows then; deactivated, it releases those
 * subscriptions and drops the answers still on their way, so a hidden screen does no work. A controller implements
 * this; its model holds what is shown, its view binds to the model (decision 0035).
 */
public interface Screen {

    /** The screen's view; the same node every time. */
    Node view();

    /** Shown (again): read what it shows, follow the events it needs. */
    void onActivate();

    /** Put away: stop following events; answers still on their way are dropped. */
    void onDeactivate();

    /** A screen that shows one thing of many (a release, an artist): told which before it is activated. */
    interface OfOne extends Screen {

        /** The thing to show next, by id; {@link #onActivate()} follows. */
        void open(String id);
    }
}
