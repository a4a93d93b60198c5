package dance.normal.server.upload;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.ApiException;
import dance.normal.server.storage.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads (tus 1.0 core, creation, termination; decision 0038). The state lives where every server process
 * sees it: a row in {@code uploads} (length, offset reached, who writes now) and the bytes in a file named by the
 * upload's id under the media store's {@code uploads/} folder (a shared filesystem when scaled out).
 *
 * <p>A PATCH claims the row with a conditional UPDATE (one writer at a time, on any process, under a lease it renews
 * while the body streams in), truncates the file to the recorded offset (dropping bytes a cut-off writer wrote but
 * never recorded), appends the body, fsyncs, and records the new offset as it gives the claim back. A body cut off
 * midway is kept up to what arrived, so the client HEADs and continues. The request that brings the last byte hands
 * the file to {@link UploadService}'s one path from audio to track, which makes a draft; the upload's row goes in the
 * same transaction. A refused file removes the row and the bytes.
 */
public final class TusService {

    private static final Logger LOG = LoggerFactory.getLogger(TusService.class);
    /** How long a writer's claim lasts without renewal; a crashed process's claim lapses after this. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final long RENEW_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /** Unfinished uploads one account may have at once; each may grow to the upload limit on disk. */
    static final int MAX_OPEN_PER_ACCOUNT = 50;
    private static final int BUFFER = 256 * 1024;
    /** Space the media store's disk keeps free besides a new upload's length; below it creations get 507. */
    static final long FREE_DISK_MARGIN = 1024L * 1024 * 1024;

    private final Jdbi jdbi;
    private final ResumableUploadRepository rows = new ResumableUploadRepository();
    private final UploadService uploads;
    private final Path dir;
    private final Clock clock;
    private final long maxBytes;
    private final Duration expiry;

    public TusService(Jdbi jdbi, UploadService uploads, MediaStore media, Clock clock, long maxBytes,
                      Duration expiry) {
        this.jdbi = jdbi;
        this.uploads = uploads;
        this.dir = media.resumableDir();
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.expiry = expiry;
    }

    /** The largest upload taken, in bytes ({@code Tus-Max-Size}). */
    public long maxBytes() {
        return maxBytes;
    }

    /** Where a PATCH left an upload. */
    public sealed interface Progress {
        long offset();

        /** More bytes are expected. */
        record Partial(long offset) implements Progress {
        }

        /** The last byte arrived and the file is now the draft track {@code track}. */
        record Finished(long offset, Track track) implements Progress {
        }
    }

    /** An upload's state as HEAD reports it. */
    public record State(long offset, long length) {
    }

    /** tus creation: a new empty upload of {@code length} bytes; returns its id. */
    public String create(Principal principal, long length, String metadataHeader) {
        uploads.artistOf(principal);
        if (length <= 0) {
            throw ApiException.validation("The file is empty; an upload needs an Upload-Length of at least 1 byte.");
        }
        if (length > maxBytes) {
            throw tooLarge();
        }
        TusMetadata metadata = TusMetadata.parse(metadataHeader);
        refuseWithoutDiskSpace(length);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            if (rows.countOf(h, principal.accountId()) >= MAX_OPEN_PER_ACCOUNT) {
                throw new ApiException(ProblemType.TOO_MANY_REQUESTS, 429, "You have " + MAX_OPEN_PER_ACCOUNT
                        + " unfinished uploads; finish or cancel some before starting more.");
            }
            // The sum of what one account's open uploads may grow to: twice the largest file (--max-upload-mb).
            if (rows.openBytesOf(h, principal.accountId()) + length > 2 * maxBytes) {
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413, "Your unfinished uploads would take more "
                        + "than " + (2 * maxBytes / (1024 * 1024)) + " MB; finish or cancel some before starting "
                        + "more.");
            }
            rows.insert(h, new ResumableUploadRepository.Row(id, principal.accountId(), length, 0,
                    metadata.header(), now + expiry.toMillis()), now);
        });
        LOG.info("Upload {} of {} bytes created", id, length);
        return id;
    }

    /** 507 when the media store's disk would keep less than {@link #FREE_DISK_MARGIN} free after this upload. */
    private void refuseWithoutDiskSpace(long length) {
        long free;
        try {
            Files.createDirectories(dir);
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (free - FREE_DISK_MARGIN < length) {
            LOG.warn("Upload of {} bytes refused: {} bytes free on the media store's disk", length, free);
            throw new ApiException(ProblemType.UNAVAILABLE, 507, "The server is out of storage space for uploads "
                    + "right now. Try again later.");
        }
    }

    /** tus HEAD: how much of the upload is safely stored. 404 when it is not the caller's or not there. */
    public State state(Principal principal, String id) {
        var row = jdbi.withHandle(h -> rows.find(h, id, principal.accountId())).orElseThrow(TusService::notFound);
        return new State(row.offset(), row.length());
    }

    /** tus termination: the upload and its bytes are gone; 409 while a PATCH is writing it. */
    public void terminate(Principal principal, String id) {
        boolean deleted = jdbi.inTransaction(h -> {
            if (rows.find(h, id, principal.accountId()).isEmpty()) {
                throw notFound();
            }
            return rows.deleteIdle(h, id, principal.accountId(), clock.millis());
        });
        if (!deleted) {
            throw busy();
        }
        deleteQuietly(file(id));
        LOG.info("Upload {} terminated", id);
    }

    /**
     * tus PATCH: appends {@code body} at {@code offset}. {@code contentLength} is -1 when the body is chunked.
     *
     * @throws ApiException 404 not the caller's, 409 wrong offset or another writer, 413 past the upload's length,
     *                      415/422 when the finished file is refused (the upload is then gone)
     */
    public Progress patch(Principal principal, String id, long offset, long contentLength, InputStream body) {
        String writer = UUID.randomUUID().toString();
        var row = claim(principal, id, writer);
        Path file = file(id);
        Appended written = new Appended(row.offset() == 0 ? sha256() : null);
        try {
            if (offset != row.offset()) {
                throw ApiException.conflict(ProblemType.CONFLICT, "Upload-Offset is " + offset + " but the server has "
                        + row.offset() + " bytes of this upload; ask with HEAD and continue from there.");
            }
            long room = row.length() - row.offset();
            if (contentLength > room) {
                throw pastTheEnd(row.length());
            }
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                out.truncate(row.offset());
                out.position(row.offset());
                try {
                    append(body, out, room, written, id, writer);
                } catch (PastTheEndException e) {
                    out.truncate(row.offset());
                    written.bytes = 0;
                    throw pastTheEnd(row.length());
                } finally {
                    out.force(false);
                }
            }
        } catch (ApiException e) {
            release(id, writer, row.offset() + written.bytes);
            throw e;
        } catch (IOException e) {
            // Cut off midway (or the disk failed): what reached the disk is kept and recorded, for the client to
            // resume from after a HEAD.
            long reached = row.offset() + written.bytes;
            release(id, writer, reached);
            LOG.info("Upload {} cut off at {} of {} bytes: {}", id, reached, row.length(), e.toString());
            throw ApiException.badRequest("The upload was interrupted; " + reached + " bytes are kept.");
        }
        long reached = row.offset() + written.bytes;
        if (reached < row.length()) {
            release(id, writer, reached);
            return new Progress.Partial(reached);
        }
        return new Progress.Finished(reached, finish(principal, row, writer, written.digest));
    }

    /** Removes expired unfinished uploads (rows and bytes); returns how many. Run periodically, and by tests. */
    public int removeExpired() {
        int removed = 0;
        long now = clock.millis();
        for (String id : jdbi.withHandle(h -> rows.expired(h, now, 1000))) {
            if (jdbi.withHandle(h -> rows.deleteExpired(h, id, now))) {
                deleteQuietly(file(id));
                removed++;
            }
        }
        removed += removeOrphanFiles();
        if (removed > 0) {
            LOG.info("Removed {} expired uploads", removed);
        }
        return removed;
    }

    /** Bytes whose row is gone (a process died between removing the row and the file), older than an expiry. */
    private int removeOrphanFiles() {
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String id = p.getFileName().toString();
                boolean old = Files.getLastModifiedTime(p).toMillis() < clock.millis() - expiry.toMillis();
                if (old && !jdbi.withHandle(h -> rows.exists(h, id))) {
                    deleteQuietly(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list the uploads folder: {}", e.toString());
        }
        return removed;
    }

    private ResumableUploadRepository.Row claim(Principal principal, String id, String writer) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            var row = rows.find(h, id, principal.accountId()).orElseThrow(TusService::notFound);
            if (!rows.claim(h, id, principal.accountId(), writer, now, now + LEASE.toMillis())) {
                throw busy();
            }
            return row;
        });
    }

    /** What one PATCH has written so far (kept when the body is cut off), hashed when it began at byte 0. */
    private static final class Appended {
        final MessageDigest digest;
        long bytes;

        Appended(MessageDigest digest) {
            this.digest = digest;
        }
    }

    private void append(InputStream body, FileChannel out, long room, Appended written, String id, String writer)
            throws IOException {
        MessageDigest digest = written.digest;
        byte[] buf = new byte[BUFFER];
        ByteBuffer view = ByteBuffer.wrap(buf);
        long renewAt = System.nanoTime() + RENEW_EVERY_NANOS;
        int n;
        while ((n = body.read(buf)) >= 0) {
            if (n > room - written.bytes) {
                throw new PastTheEndException();
            }
            view.clear().limit(n);
            while (view.hasRemaining()) {
                out.write(view);
            }
            if (digest != null) {
                digest.update(buf, 0, n);
            }
            written.bytes += n;
            if (System.nanoTime() > renewAt) {
                renewAt = System.nanoTime() + RENEW_EVERY_NANOS;
                long until = clock.millis() + LEASE.toMillis();
                if (!jdbi.withHandle(h -> rows.renew(h, id, writer, until))) {
                    throw new IOException("lost the claim on upload " + id);
                }
            }
        }
    }

    /** The last byte is in: the file becomes a draft, or is refused; either way the upload's row and file go. */
    private Track finish(Principal principal, ResumableUploadRepository.Row row, String writer, MessageDigest digest) {
        Path file = file(row.id());
        boolean done = false;
        try {
            String sha = digest != null ? HexFormat.of().formatHex(digest.digest()) : hash(file);
            Artist artist = uploads.artistOf(principal);
            TusMetadata metadata = TusMetadata.parse(row.metadata());
            UploadService.Fields fields = new UploadService.Fields(metadata.title(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
            Track track = uploads.draftFromUpload(artist, file, sha, fields, metadata.filename(), row.id(), h -> {
                if (!rows.deleteAsWriter(h, row.id(), writer)) {
                    throw busy();
                }
            });
            done = true;
            LOG.info("Upload {} finished as draft track {}", row.id(), track.id());
            return track;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!done) {
                jdbi.useHandle(h -> rows.deleteAsWriter(h, row.id(), writer));
                deleteQuietly(file);
            }
        }
    }

    private void release(String id, String writer, long offset) {
        long now = clock.millis();
        if (!jdbi.withHandle(h -> rows.release(h, id, writer, offset, now, now + expiry.toMillis()))) {
            LOG.warn("Upload {} was claimed by another writer before this one recorded offset {}", id, offset);
        }
    }

    private Path file(String id) {
        // The id reached here only through a row found by it, so it is one of our UUIDs, never a client's path.
        return dir.resolve(UUID.fromString(id).toString());
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        UploadService.deleteQuietly(p);
    }

    private ApiException tooLarge() {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413, "The file is larger than the limit of "
                + (maxBytes / (1024 * 1024)) + " MiB for audio.");
    }

    private static ApiException pastTheEnd(long length) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413,
                "The bytes sent go past the upload's length of " + length + " bytes; nothing of them was kept.");
    }

    private static ApiException notFound() {
        return ApiException.notFound("There is no such upload.");
    }

    private static ApiException busy() {
        return ApiException.conflict(ProblemType.CONFLICT,
                "Another request is writing this upload right now; wait for it, then ask with HEAD.");
    }

    /** The body held more bytes than the upload has room for. */
    private static final class PastTheEndException extends IOException {
        PastTheEndException() {
            super("past the end of the upload", null);
        }
    }
}
