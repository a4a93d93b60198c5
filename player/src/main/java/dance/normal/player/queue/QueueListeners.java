package dance.normal.player.queue;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of a {@link PlayQueue}: each hears every change, and one that fails does not stop the others. */
final class QueueListeners {

    private static final Logger LOG = LoggerFactory.getLogger(PlayQueue.class);

    private final List<QueueListener> listeners = new CopyOnWriteArrayList<>();

    void add(QueueListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(QueueListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; the snapshot is taken only when someone listens. */
    void fire(Supplier<QueueSnapshot> snapshot) {
        if (listeners.isEmpty()) {
            return;
        }
        QueueSnapshot now = snapshot.get();
        for (QueueListener listener : listeners) {
            try {
                listener.onChanged(now);
            } catch (RuntimeException e) {
                // One broken view must not stop the others or the caller's command.
                LOG.warn("Queue listener {} failed", listener, e);
            }
        }
    }
}
