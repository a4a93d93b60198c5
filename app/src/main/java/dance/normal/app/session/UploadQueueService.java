package dance.normal.app.session;

import dance.normal.sync.upload.Upload;
import dance.normal.sync.upload.UploadListener;
import java.nio.file.Path;
import java.util.List;

/**
 * The artist's uploads (tus, resumable), kept in the local store so they go on while the artist is elsewhere in the
 * app and after it starts again. Listeners hear progress and changes on upload threads. Every other method touches
 * the store or the disk: not on the FX thread.
 */
public interface UploadQueueService {

    void addListener(UploadListener listener);

    void removeListener(UploadListener listener);

    /** Every upload, in the order they were added. */
    List<Upload> uploads();

    /**
     * Queues files and folders (a folder gives its audio files, subfolders included).
     *
     * @return the uploads added (a file already on its way is not added twice)
     */
    List<Upload> add(List<Path> filesAndFolders);

    void pause(String id);

    void resume(String id);

    /** Stops an upload and drops what the server has of it; a finished one's row just goes. */
    void cancel(String id);
}
