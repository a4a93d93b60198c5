package dance.normal.app.session;

import dance.normal.sync.upload.Upload;
import dance.normal.sync.upload.UploadListener;
import dance.normal.sync.upload.UploadQueue;
import java.nio.file.Path;
import java.util.List;

/** Sync's {@link UploadQueue}, as the Studio uses it. */
final class LiveUploadQueueService implements UploadQueueService {

    private final UploadQueue queue;

    LiveUploadQueueService(UploadQueue queue) {
        this.queue = queue;
    }

    @Override
    public void addListener(UploadListener listener) {
        queue.addListener(listener);
    }

    @Override
    public void removeListener(UploadListener listener) {
        queue.removeListener(listener);
    }

    @Override
    public List<Upload> uploads() {
        return queue.uploads();
    }

    @Override
    public List<Upload> add(List<Path> filesAndFolders) {
        return queue.add(filesAndFolders);
    }

    @Override
    public void pause(String id) {
        queue.pause(id);
    }

    @Override
    public void resume(String id) {
        queue.resume(id);
    }

    @Override
    public void cancel(String id) {
        queue.cancel(id);
    }
}
