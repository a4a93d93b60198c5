package dance.normal.app.session;

import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Downloads in memory: asking for one queues it; the test moves it on ({@link #progress}, {@link #finish},
 * {@link #fail}) and the listeners hear it as they would from download threads.
 */
public final class FakeDownloadService implements DownloadService {

    private final Map<String, Download> downloads = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();
    public volatile long usedBytes;
    public volatile long budgetBytes = DEFAULT_BUDGET_BYTES;
    public final List<String> releasesAsked = new CopyOnWriteArrayList<>();

    /** Puts a download as it stands, telling the listeners. */
    public void put(Download d) {
        downloads.put(d.trackId(), d);
        listeners.forEach(l -> l.onChanged(d));
    }

    public void progress(String trackId, long done, long total) {
        Download d = downloads.get(trackId);
        downloads.put(trackId, new Download(trackId, Download.State.DOWNLOADING, done, total, d.pinned(), null));
        listeners.forEach(l -> l.onProgress(trackId, done, total, 1000, Duration.ofSeconds(1)));
    }

    public void finish(String trackId) {
        Download d = downloads.get(trackId);
        put(new Download(trackId, Download.State.DONE, d.bytesTotal(), d.bytesTotal(), d.pinned(), null));
    }

    public void fail(String trackId, String why) {
        Download d = downloads.get(trackId);
        put(new Download(trackId, Download.State.FAILED, d.bytesDone(), d.bytesTotal(), d.pinned(), why));
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public void addListener(DownloadListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DownloadListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<Download> downloads() {
        synchronized (downloads) {
            return new ArrayList<>(downloads.values());
        }
    }

    @Override
    public Optional<Download> download(String trackId) {
        return Optional.ofNullable(downloads.get(trackId));
    }

    @Override
    public void download(String trackId, boolean pinned) {
        Download before = downloads.get(trackId);
        put(new Download(trackId, Download.State.QUEUED, before == null ? 0 : before.bytesDone(),
                before == null ? 0 : before.bytesTotal(), pinned, null));
    }

    @Override
    public void downloadRelease(String releaseId, boolean pinned) {
        releasesAsked.add(releaseId);
    }

    @Override
    public void pause(String trackId) {
        Download d = downloads.get(trackId);
        put(new Download(trackId, Download.State.PAUSED, d.bytesDone(), d.bytesTotal(), d.pinned(), null));
    }

    @Override
    public void remove(String trackId) {
        downloads.remove(trackId);
    }

    @Override
    public Optional<Path> verifiedFile(String trackId) {
        return download(trackId).filter(d -> d.state() == Download.State.DONE)
                .map(d -> Path.of("/nonexistent", trackId + ".mp3"));
    }

    @Override
    public long usedBytes() {
        return usedBytes;
    }

    @Override
    public long budgetBytes() {
        return budgetBytes;
    }

    @Override
    public void setBudgetBytes(long bytes) {
        budgetBytes = bytes;
    }
}
