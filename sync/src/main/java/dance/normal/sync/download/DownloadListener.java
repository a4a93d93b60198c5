package dance.normal.sync.download;

import java.time.Duration;

/** Hears downloads move, on a download thread; must return quickly. */
public interface DownloadListener {

    /**
     * Bytes arrived.
     *
     * @param trackId     the track
     * @param bytesDone   bytes on disk
     * @param bytesTotal  the file's size
     * @param bytesPerSec the recent rate
     * @param left        the time left at that rate, or null while unknown
     */
    default void onProgress(String trackId, long bytesDone, long bytesTotal, double bytesPerSec, Duration left) {
    }

    /** The download changed state (done, failed, paused...). */
    default void onChanged(Download download) {
    }
}
