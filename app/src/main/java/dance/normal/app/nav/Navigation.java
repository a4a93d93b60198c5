package dance.normal.app.nav;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Where the window is, and the way back: the navigation model the shell follows. A screen of the navigation bar
 * starts afresh (no way back); a page (a release, an artist) remembers where it was opened from, so Back returns
 * there. A page opened from another bar screen (a track's panel beside Search) is put over Home, as if opened from
 * it. Going where the window already is keeps the way back and reads the place again. FX thread only.
 */
public final class Navigation {

    /** Where a navigation request leads from where, for the shell to switch screens. */
    public interface Listener {
        void moved(Place from, Place to);
    }

    private final ReadOnlyObjectWrapper<Place> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper();
    private final Deque<Place> history = new ArrayDeque<>();
    private Listener listener = (from, to) -> { };

    /** Told of every move, including a move to where the window already is (to read it again). */
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    public ReadOnlyObjectProperty<Place> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Optional<Place> current() {
        return Optional.ofNullable(current.get());
    }

    /** True on a page that has somewhere to go back to. */
    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    /** Goes to {@code to}; see the class comment for what Back does afterwards. */
    public void go(Place to) {
        Place from = current.get();
        if (to.target().isPage()) {
            if (from == null || from.target().tab() != to.target().tab()) {
                history.clear();
                history.push(Place.of(to.target().tab()));
            } else if (!to.equals(from)) {
                history.push(from);
            }
        } else {
            history.clear();
        }
        move(from, to);
    }

    /** Back to where the page was opened from; false (nothing happens) when there is nowhere to go back to. */
    public boolean back() {
        if (history.isEmpty()) {
            return false;
        }
        move(current.get(), history.pop());
        return true;
    }

    /** The same place again (something it shows changed): the listener reads it again. */
    public void reload() {
        Place here = current.get();
        if (here != null) {
            listener.moved(here, here);
        }
    }

    private void move(Place from, Place to) {
        current.set(to);
        canGoBack.set(to.target().isPage() && !history.isEmpty());
        listener.moved(from, to);
    }
}
