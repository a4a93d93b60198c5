package dance.normal.sync.upload;

import java.time.Duration;

/** Hears uploads move, on an upload thread; must return quickly. */
public interface UploadListener {

    /**
     * Bytes went out.
     *
     * @param id          the upload
     * @param bytesSent   bytes sent so far (the server confirms them chunk by chunk)
     * @param size        the file's size
     * @param bytesPerSec the recent rate, 0 while unknown
     * @param left        the time left at that rate, or null while unknown
     */
    default void onProgress(String id, long bytesSent, long size, double bytesPerSec, Duration left) {
    }

    /** An upload was added or changed state (uploading, paused, done, refused...). */
    default void onChanged(Upload upload) {
    }

    /** An upload was cancelled or cleared: its row is gone. */
    default void onRemoved(String id) {
    }
}
