package dance.normal.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FxEventsTest {

    /** A source as core modules have them: listeners added and removed, called on the source's own thread. */
    private static final class Source {
        final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

        void addListener(Consumer<String> l) {
            listeners.add(l);
        }

        void removeListener(Consumer<String> l) {
            listeners.remove(l);
        }

        void emit(String value) {
            listeners.forEach(l -> l.accept(value));
        }
    }

    private final FxQueue fx = new FxQueue();
    private final FxEvents events = new FxEvents(fx);
    private final Source source = new Source();
    private final List<String> seen = new ArrayList<>();

    @Test
    void eventsReachTheFxThreadWhileSubscribed() {
        Subscription s = events.each(source::addListener, source::removeListener, seen::add);
        source.emit("one");
        assertThat(seen).isEmpty(); // not on the source's thread
        fx.runNext();
        assertThat(seen).containsExactly("one");
        s.close();
        assertThat(source.listeners).isEmpty();
    }

    @Test
    void anEventOnItsWayWhenClosedIsDropped() {
        Subscription s = events.each(source::addListener, source::removeListener, seen::add);
        source.emit("late");
        Runnable onItsWay = fx.next();
        s.close();
        onItsWay.run();
        source.emit("after");
        fx.runWaiting();
        assertThat(seen).isEmpty();
        s.close(); // twice is fine
    }

    @Test
    void subscriptionsAreClosedTogether() {
        Subscriptions held = new Subscriptions();
        held.add(events.each(source::addListener, source::removeListener, seen::add));
        held.add(events.subscribe(source::addListener, source::removeListener,
                post -> value -> post.toFx(() -> seen.add("2:" + value))));
        assertThat(held.active()).isTrue();
        held.close();
        assertThat(held.active()).isFalse();
        assertThat(source.listeners).isEmpty();
        source.emit("x");
        fx.runWaiting();
        assertThat(seen).isEmpty();
    }
}
