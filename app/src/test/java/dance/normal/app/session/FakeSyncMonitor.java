package dance.normal.app.session;

import dance.normal.sync.SyncService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A sync status the test sets; {@link #set} tells the listeners, as the sync's thread would. */
public final class FakeSyncMonitor implements SyncMonitor {

    private final List<Consumer<SyncService.Status>> listeners = new CopyOnWriteArrayList<>();
    private volatile SyncService.Status status = new SyncService.Status(true, Instant.EPOCH, 0, null);
    public final AtomicInteger syncs = new AtomicInteger();

    public void set(SyncService.Status next) {
        status = next;
        listeners.forEach(l -> l.accept(next));
    }

    @Override
    public SyncService.Status status() {
        return status;
    }

    @Override
    public void addListener(Consumer<SyncService.Status> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<SyncService.Status> listener) {
        listeners.remove(listener);
    }

    @Override
    public void syncNow() {
        syncs.incrementAndGet();
    }

    public int listenerCount() {
        return listeners.size();
    }
}
