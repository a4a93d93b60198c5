package dance.normal.app.session;

import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tracks kept on this device for offline play, within a storage budget. Listeners hear progress and changes on
 * download threads. The reading and changing methods touch the local store: not on the FX thread.
 */
public interface DownloadService {

    /** The budget before the listener chooses one: 4 GB. */
    long DEFAULT_BUDGET_BYTES = 4L * 1024 * 1024 * 1024;

    void addListener(DownloadListener listener);

    void removeListener(DownloadListener listener);

    /** Every download, in the order they were asked for. */
    List<Download> downloads();

    Optional<Download> download(String trackId);

    /** Keeps a track on this device; a pinned one is kept even when the budget is tight. */
    void download(String trackId, boolean pinned);

    void downloadRelease(String releaseId, boolean pinned);

    void pause(String trackId);

    void remove(String trackId);

    /** The file of a track kept whole and checked, if it is. */
    Optional<Path> verifiedFile(String trackId);

    long usedBytes();

    long budgetBytes();

    void setBudgetBytes(long bytes);
}
