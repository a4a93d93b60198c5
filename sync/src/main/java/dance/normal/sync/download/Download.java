package dance.normal.sync.download;

import java.util.Objects;

/**
 * One track kept (or being kept) for offline play.
 *
 * @param trackId    the track
 * @param state      where it is
 * @param bytesDone  bytes on disk so far
 * @param bytesTotal the file's size
 * @param pinned     kept even when the storage budget is tight
 * @param error      why it failed, one sentence, or null
 */
public record Download(String trackId, State state, long bytesDone, long bytesTotal, boolean pinned, String error) {

    /** Where a download is. */
    public enum State { QUEUED, DOWNLOADING, PAUSED, DONE, FAILED }

    public Download {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(state, "state");
    }
}
