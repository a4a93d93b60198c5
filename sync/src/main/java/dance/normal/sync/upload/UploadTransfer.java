package dance.normal.sync.upload;

import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.UntrustedCertificateException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload's run on its worker thread, from its row to an end: done, refused, failed, paused, cancelled, or the
 * queue closing. Every step starts from what the store and the server say, so a run can stop anywhere and the next
 * one (after a back-off, a resume or a restart) goes on from there. {@link UploadQueue} explains the protocol.
 */
final class UploadTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(UploadTransfer.class);
    private static final long PROGRESS_EVERY_MS = 100;

    /** What an attempt came to. */
    private enum Next {
        /** The upload came to an end (done, refused, failed): stop. */
        END,
        /** Look at the row and go again at once (paused, cancelled, restarted from zero). */
        AGAIN,
        /** The server has every byte and is still checking them: ask again after a wait. */
        WAIT
    }

    private final UploadQueue queue;
    private final String id;
    private final Throughput meter = new Throughput();
    private String url;
    private long lastTold;
    private boolean told;

    UploadTransfer(UploadQueue queue, String id) {
        this.queue = queue;
        this.id = id;
    }

    void run() {
        int failures = 0;
        while (!queue.closed()) {
            Optional<Upload> row = queue.upload(id);
            if (row.isEmpty()) {
                queue.terminateQuietly(url); // cancelled while a chunk was on its way
                return;
            }
            Upload u = row.get();
            if (u.state() == Upload.State.PAUSED || u.state().finished() || u.state() == Upload.State.FAILED) {
                return;
            }
            try {
                Next next = attempt(u);
                if (next == Next.END) {
                    return;
                }
                failures = next == Next.WAIT ? wait(++failures, null) : 0;
            } catch (ProblemException e) {
                if (!UploadQueue.transient_(e)) {
                    queue.fail(id, UploadQueue.slug(e.problem()), e.problem().detail());
                    return;
                }
                failures = wait(++failures, e);
            } catch (UntrustedCertificateException e) {
                queue.fail(id, "untrusted-certificate", e.getMessage());
                return;
            } catch (ApiException e) {
                failures = wait(++failures, e);
            }
        }
    }

    /** Sends what the server does not have yet. */
    private Next attempt(Upload u) {
        if (refusedHere(u)) {
            return Next.END;
        }
        if (u.state() == Upload.State.QUEUED) {
            setState(Upload.State.UPLOADING, null, null);
        }
        url = u.uploadUrl();
        long offset;
        if (url == null) {
            url = queue.tus().create(u.size(), u.fileName(), null);
            String made = url;
            write(c -> UploadRows.setUrl(c, id, made));
            offset = 0;
        } else {
            Optional<Long> known = queue.tus().offset(url);
            if (known.isEmpty()) {
                return gone(u);
            }
            offset = known.get();
            long confirmed = offset;
            write(c -> UploadRows.setSent(c, id, confirmed));
            if (offset >= u.size()) {
                setState(Upload.State.CHECKING, null, null);
                return Next.WAIT; // every byte is there: the server is checking them, or its answer was lost
            }
        }
        setState(Upload.State.UPLOADING, null, null);
        while (offset < u.size()) {
            Optional<Upload> now = queue.upload(id);
            if (now.isEmpty() || now.get().state() == Upload.State.PAUSED) {
                return Next.AGAIN;
            }
            long length = Math.min(chunk(), u.size() - offset);
            boolean last = offset + length >= u.size();
            long from = offset;
            TusClient.Sent sent = queue.tus().patch(url, u.path(), offset, length, last,
                    written -> sending(from + written, u.size(), last && written == length));
            switch (sent) {
                case TusClient.Sent.Accepted a -> {
                    if (a.offset() <= offset) {
                        throw new dance.normal.sync.api.BadResponseException("The server took none of the bytes "
                                + "sent.", null);
                    }
                    offset = a.offset();
                    long confirmed = offset;
                    write(c -> UploadRows.setSent(c, id, confirmed));
                }
                case TusClient.Sent.Finished f -> {
                    write(c -> UploadRows.done(c, id, f.trackId()));
                    queue.changed(id);
                    return Next.END;
                }
                case TusClient.Sent.Refused r -> {
                    refuse(UploadQueue.slug(r.problem()), r.problem().detail());
                    return Next.END;
                }
                case TusClient.Sent.Conflict x -> throw new dance.normal.sync.api.BadResponseException(
                        "The server has another offset than the one sent.", null);
                case TusClient.Sent.Gone g -> {
                    return gone(queue.upload(id).orElse(u));
                }
            }
        }
        throw new dance.normal.sync.api.BadResponseException("The server took the last byte without a verdict.",
                null);
    }

    /** The server no longer knows the upload: it finished while its answer was lost, or it expired (start again). */
    private Next gone(Upload u) {
        if (u.bytesSent() >= u.size()) {
            return verdict();
        }
        LOG.info("The server forgot upload {} at {} bytes; sending it again from the start", id, u.bytesSent());
        url = null;
        write(c -> UploadRows.setUrl(c, id, null));
        return Next.AGAIN;
    }

    /** Every byte went but the answer did not come: the studio's tracks say whether one came of this upload. */
    private Next verdict() {
        String uploadId = TusClient.uploadId(url);
        Optional<String> track = queue.api().get("/api/v1/studio/tracks", StudioTracks.class).tracks().stream()
                .filter(t -> uploadId.equals(t.uploadId())).map(StudioTrack::id).findFirst();
        if (track.isPresent()) {
            write(c -> UploadRows.done(c, id, track.get()));
            queue.changed(id);
        } else {
            write(c -> UploadRows.setUrl(c, id, null));
            queue.fail(id, UploadQueue.VERDICT_LOST,
                    "The connection dropped while the server checked the file; upload it again.");
        }
        return Next.END;
    }

    /** Whether the file is gone or changed since it was added (then it is refused here). */
    private boolean refusedHere(Upload u) {
        try {
            long modified = queue.store().read(c -> UploadRows.modifiedMs(c, id));
            if (!Files.isRegularFile(u.path())) {
                refuse(UploadQueue.LOCAL_MISSING, "The file " + u.fileName() + " is no longer there.");
                return true;
            }
            if (Files.size(u.path()) != u.size() || Files.getLastModifiedTime(u.path()).toMillis() != modified) {
                refuse(UploadQueue.LOCAL_CHANGED, "The file " + u.fileName() + " changed after it was added; "
                        + "add it again.");
                return true;
            }
            return false;
        } catch (IOException e) {
            refuse(UploadQueue.LOCAL_MISSING, "The file " + u.fileName() + " cannot be read.");
            return true;
        }
    }

    /** The next chunk's size: about {@code chunkTime} at the measured rate, within the bounds. */
    private long chunk() {
        UploadQueue.Options options = queue.options();
        double rate = meter.bytesPerSecond();
        long wanted = rate <= 0 ? options.minChunk() : (long) (rate * options.chunkTime().toMillis() / 1000.0);
        return Math.max(options.minChunk(), Math.min(options.maxChunk(), wanted));
    }

    /** Bytes written, from the HTTP client on this thread. */
    private void sending(long done, long size, boolean allSent) {
        long now = queue.clock().millis();
        meter.add(now, done);
        if (queue.stopping(id)) {
            return;
        }
        if (allSent) {
            // Kept, so that after a cut or a restart a vanished upload is looked for among the drafts.
            write(c -> UploadRows.setSent(c, id, size));
            setState(Upload.State.CHECKING, null, null);
        }
        if (allSent || !told || now - lastTold >= PROGRESS_EVERY_MS) {
            told = true;
            lastTold = now;
            queue.progress(id, done, size, meter.bytesPerSecond(), meter.left(size - done).orElse(null));
        }
    }

    /** Waits before the next attempt, longer after each failure in a row; a pause or a cancel cuts it short. */
    private int wait(int failures, ApiException e) {
        if (e != null) {
            LOG.info("Upload {} interrupted ({}); trying again", id, e.getMessage());
            meter.reset();
            setState(Upload.State.UPLOADING, UploadQueue.RECONNECTING, e.getMessage());
        }
        UploadQueue.Options options = queue.options();
        long cap = Math.min(options.backoffCap().toMillis(),
                options.backoffBase().toMillis() << Math.min(20, failures - 1));
        queue.await(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        return failures;
    }

    /** Sets the row's state, unless it was paused or cancelled meanwhile or is already so. */
    private void setState(Upload.State state, String code, String reason) {
        boolean set = queue.store().write(c -> {
            Optional<Upload> u = UploadRows.find(c, id);
            if (u.isEmpty() || u.get().state() == Upload.State.PAUSED
                    || (u.get().state() == state && Objects.equals(u.get().reasonCode(), code))) {
                return false;
            }
            UploadRows.setState(c, id, state, code, reason);
            return true;
        });
        if (set) {
            queue.changed(id);
        }
    }

    private void refuse(String code, String reason) {
        write(c -> UploadRows.refused(c, id, code, reason));
        queue.changed(id);
    }

    /** Changes the row in a transaction. */
    @FunctionalInterface
    private interface Change {
        void apply(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void write(Change change) {
        queue.store().write(c -> {
            change.apply(c);
            return null;
        });
    }
}
