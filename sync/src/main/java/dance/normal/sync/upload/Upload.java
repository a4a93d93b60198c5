package dance.normal.sync.upload;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One file in the upload queue, as the local store keeps it.
 *
 * @param id         this device's id for the upload (a UUID)
 * @param path       the file
 * @param fileName   its name, as sent to the server
 * @param size       its size when it was queued
 * @param state      where it is
 * @param bytesSent  bytes the server confirmed it has
 * @param uploadUrl  the upload's tus URL once the server made it, else null
 * @param trackId    the draft track it became, once {@link State#DONE}, else null
 * @param reasonCode why it was refused or failed, as a stable code (a problem type's last segment, such as
 *                   {@code unsupported-media}, or one of {@link UploadQueue}'s {@code LOCAL_*} codes), else null
 * @param reason     the same as one sentence (the server's, in English), else null
 * @param createdAt  when it was queued
 */
public record Upload(String id, Path path, String fileName, long size, State state, long bytesSent, String uploadUrl,
                     String trackId, String reasonCode, String reason, Instant createdAt) {

    /** Where an upload is. */
    public enum State {
        /** Waiting for its turn (or for the connection to come back). */
        QUEUED,
        /** Bytes are going to the server. */
        UPLOADING,
        /** Stopped by the artist; resuming continues from the server's offset. */
        PAUSED,
        /** All bytes sent; the server is checking the audio. */
        CHECKING,
        /** A draft track now ({@link #trackId}). */
        DONE,
        /** The server (or this device, for a changed or missing file) refused it, saying why. */
        REFUSED,
        /** It stopped for another reason (said in {@link #reason}); resuming tries again. */
        FAILED;

        /** Whether nothing more will happen to it unless the artist acts. */
        public boolean finished() {
            return this == DONE || this == REFUSED;
        }

        /** Whether it is on its way (waiting, sending or being checked). */
        public boolean active() {
            return this == QUEUED || this == UPLOADING || this == CHECKING;
        }
    }

    public Upload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
    }

    /** The share sent, from 0 to 1. */
    public double fraction() {
        return state == State.DONE ? 1 : size == 0 ? 0 : (double) bytesSent / size;
    }
}
