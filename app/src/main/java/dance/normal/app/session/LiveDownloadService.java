package dance.normal.app.session;

import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import dance.normal.sync.download.DownloadManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Sync's {@link DownloadManager}, as the screens use it. */
final class LiveDownloadService implements DownloadService {

    private final DownloadManager downloads;

    LiveDownloadService(DownloadManager downloads) {
        this.downloads = downloads;
    }

    @Override
    public void addListener(DownloadListener listener) {
        downloads.addListener(listener);
    }

    @Override
    public void removeListener(DownloadListener listener) {
        downloads.removeListener(listener);
    }

    @Override
    public List<Download> downloads() {
        return downloads.downloads();
    }

    @Override
    public Optional<Download> download(String trackId) {
        return downloads.download(trackId);
    }

    @Override
    public void download(String trackId, boolean pinned) {
        downloads.download(trackId, pinned);
    }

    @Override
    public void downloadRelease(String releaseId, boolean pinned) {
        downloads.downloadRelease(releaseId, pinned);
    }

    @Override
    public void pause(String trackId) {
        downloads.pause(trackId);
    }

    @Override
    public void remove(String trackId) {
        downloads.remove(trackId);
    }

    @Override
    public Optional<Path> verifiedFile(String trackId) {
        return downloads.verifiedFile(trackId);
    }

    @Override
    public long usedBytes() {
        return downloads.usedBytes();
    }

    @Override
    public long budgetBytes() {
        return downloads.budgetBytes();
    }

    @Override
    public void setBudgetBytes(long bytes) {
        downloads.setBudgetBytes(bytes);
    }
}
