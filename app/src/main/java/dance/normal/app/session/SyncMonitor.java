package dance.normal.app.session;

import dance.normal.sync.SyncService;
import java.util.function.Consumer;

/** Whether the server can be reached and what waits to be sent; listeners hear changes on the sync's thread. */
public interface SyncMonitor {

    SyncService.Status status();

    void addListener(Consumer<SyncService.Status> listener);

    void removeListener(Consumer<SyncService.Status> listener);

    /** Syncs now (the listener pressed Retry), in the background. */
    void syncNow();
}
