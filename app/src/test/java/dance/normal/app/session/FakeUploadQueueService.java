package dance.normal.app.session;

import dance.normal.sync.upload.AudioFiles;
import dance.normal.sync.upload.Upload;
import dance.normal.sync.upload.UploadListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Uploads in memory: adding files queues them (folders expand to their audio files on disk, as the real queue does);
 * the test moves them on ({@link #progress}, {@link #finish}, {@link #refuse}) and the listeners hear it as they
 * would from upload threads. Pause, resume and cancel change the upload as the real queue does.
 */
public final class FakeUploadQueueService implements UploadQueueService {

    private final Map<String, Upload> uploads = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<UploadListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    public final List<String> cancelled = new CopyOnWriteArrayList<>();

    /** Puts an upload as it stands, telling the listeners. */
    public void put(Upload u) {
        uploads.put(u.id(), u);
        listeners.forEach(l -> l.onChanged(u));
    }

    public Upload get(String id) {
        return uploads.get(id);
    }

    public void progress(String id, long sent, double bytesPerSec, Duration left) {
        Upload u = uploads.get(id);
        uploads.put(id, with(u, Upload.State.UPLOADING, sent, null, null, null));
        listeners.forEach(l -> l.onProgress(id, sent, u.size(), bytesPerSec, left));
    }

    public void finish(String id, String trackId) {
        Upload u = uploads.get(id);
        put(with(u, Upload.State.DONE, u.size(), trackId, null, null));
    }

    public void refuse(String id, String code, String reason) {
        Upload u = uploads.get(id);
        put(with(u, Upload.State.REFUSED, u.bytesSent(), null, code, reason));
    }

    public void state(String id, Upload.State state, String code, String reason) {
        Upload u = uploads.get(id);
        put(with(u, state, u.bytesSent(), null, code, reason));
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public void addListener(UploadListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(UploadListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<Upload> uploads() {
        synchronized (uploads) {
            return new ArrayList<>(uploads.values());
        }
    }

    @Override
    public List<Upload> add(List<Path> filesAndFolders) {
        List<Upload> added = new ArrayList<>();
        for (Path file : AudioFiles.expand(filesAndFolders)) {
            Upload u = new Upload("u" + ids.incrementAndGet(), file, file.getFileName().toString(),
                    10L * 1024 * 1024, Upload.State.QUEUED, 0, null, null, null, null, Instant.EPOCH);
            put(u);
            added.add(u);
        }
        return added;
    }

    @Override
    public void pause(String id) {
        Upload u = uploads.get(id);
        if (u != null && u.state().active()) {
            put(with(u, Upload.State.PAUSED, u.bytesSent(), null, null, null));
        }
    }

    @Override
    public void resume(String id) {
        Upload u = uploads.get(id);
        if (u != null && (u.state() == Upload.State.PAUSED || u.state() == Upload.State.FAILED)) {
            put(with(u, Upload.State.QUEUED, u.bytesSent(), null, null, null));
        }
    }

    @Override
    public void cancel(String id) {
        if (uploads.remove(id) != null) {
            cancelled.add(id);
            listeners.forEach(l -> l.onRemoved(id));
        }
    }

    private static Upload with(Upload u, Upload.State state, long sent, String trackId, String code, String reason) {
        return new Upload(u.id(), u.path(), u.fileName(), u.size(), state, sent, u.uploadUrl(), trackId, code, reason,
                u.createdAt());
    }
}
