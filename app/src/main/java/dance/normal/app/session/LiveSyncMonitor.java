package dance.normal.app.session;

import dance.normal.sync.SyncService;
import java.util.function.Consumer;

/** Sync's {@link SyncService}, as the shell watches it. */
final class LiveSyncMonitor implements SyncMonitor {

    private final SyncService sync;

    LiveSyncMonitor(SyncService sync) {
        this.sync = sync;
    }

    @Override
    public SyncService.Status status() {
        return sync.status();
    }

    @Override
    public void addListener(Consumer<SyncService.Status> listener) {
        sync.addListener(listener);
    }

    @Override
    public void removeListener(Consumer<SyncService.Status> listener) {
        sync.removeListener(listener);
    }

    @Override
    public void syncNow() {
        sync.syncNow();
    }
}
