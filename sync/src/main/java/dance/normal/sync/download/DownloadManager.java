package dance.normal.sync.download;

import dance.normal.protocol.catalog.StreamUrl;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.files.AtomicFiles;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.ServerIds;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tracks on the device for offline play.
 *
 * <p>A download writes {@code <id>.part}; a later attempt asks only for the rest ({@code Range} with
 * {@code If-Range} on the file's ETag, its SHA-256) and appends, or starts over when the server sends the whole file.
 * The finished file must hash to the catalog's SHA-256 before it is moved, atomically, to its final name and marked
 * done; anything else is deleted. At most {@code concurrency} downloads run at once. Done downloads that are not
 * pinned are evicted, least recently played first, to stay within the storage budget. Downloads interrupted by a
 * crash or a restart resume when {@link #start()} is called.
 *
 * <p>File names are made from the track's id, which comes from the server: a track whose id is not a UUID, or whose
 * SHA-256 is not 64 hex digits, is refused before anything is written, and every file this class writes, reads or
 * deletes is checked to lie directly in its directory ({@link ServerIds}), so a hostile server cannot reach outside.
 */
public final class DownloadManager implements AutoCloseable {

    /** The default number of downloads at once. */
    public static final int DEFAULT_CONCURRENCY = 3;
    private static final Logger LOG = LoggerFactory.getLogger(DownloadManager.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ApiClient api;
    private final LocalStore store;
    private final CatalogMirror mirror;
    private final Path dir;
    private volatile long budgetBytes;
    private final Clock clock;
    private final ExecutorService workers;
    private final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> stopRequests = new ConcurrentHashMap<>();

    /**
     * @param dir         where files go (created if needed)
     * @param budgetBytes the most bytes done downloads may take
     * @param concurrency downloads at once
     */
    public DownloadManager(ApiClient api, LocalStore store, CatalogMirror mirror, Path dir, long budgetBytes,
                           int concurrency, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.store = Objects.requireNonNull(store, "store");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.budgetBytes = budgetBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("download-", 1).daemon()
                .factory());
    }

    public void addListener(DownloadListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Resumes what was queued or running when the app last stopped. */
    public void start() {
        List<String> unfinished = store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE downloads SET state = 'QUEUED' WHERE state = 'DOWNLOADING'")) {
                ps.executeUpdate();
            }
            return DownloadRows.ids(c, "SELECT track_id FROM downloads WHERE state = 'QUEUED' ORDER BY created_at");
        });
        unfinished.forEach(this::submit);
    }

    /**
     * Keeps a track offline.
     *
     * @param trackId a track of the mirror
     * @param pinned  keep it even when the budget is tight
     * @throws IllegalArgumentException if the mirror does not know the track
     * @throws dance.normal.sync.api.BadResponseException if the server gave the track an id or a SHA-256 that is
     *                                                    not one; nothing is written
     */
    public void download(String trackId, boolean pinned) {
        Track track = mirror.track(trackId).orElseThrow(() -> new IllegalArgumentException("Unknown track "
                + trackId));
        ServerIds.requireId("track", track.id());
        String sha = ServerIds.requireSha256("\u201c" + track.title() + "\u201d",
                track.sha256() == null ? null : track.sha256().toLowerCase(Locale.ROOT));
        boolean queued = store.write(c -> {
            Optional<Download> existing = DownloadRows.find(c, trackId);
            if (existing.isPresent() && existing.get().state() != Download.State.FAILED
                    && existing.get().state() != Download.State.PAUSED) {
                if (pinned && !existing.get().pinned()) {
                    DownloadRows.update(c, "UPDATE downloads SET pinned = 1 WHERE track_id = ?", trackId);
                }
                return false;
            }
            DownloadRows.queue(c, trackId, track.sizeBytes(), sha, trackId + DownloadFiles.extension(track), pinned,
                    clock.instant().toString());
            return true;
        });
        if (queued) {
            submit(trackId);
        }
    }

    /** Keeps every track of a release offline. */
    public void downloadRelease(String releaseId, boolean pinned) {
        for (Track track : mirror.tracksOfRelease(releaseId)) {
            download(track.id(), pinned);
        }
    }

    /** Pins or unpins a download: an unpinned one may be evicted to stay within the budget. */
    public void setPinned(String trackId, boolean pinned) {
        store.write(c -> DownloadRows.set(c, "UPDATE downloads SET pinned = ? WHERE track_id = ?", pinned ? 1 : 0,
                trackId));
    }

    /** Stops a download and keeps what arrived; {@link #download} resumes it. */
    public void pause(String trackId) {
        stopRequests.put(trackId, Boolean.FALSE);
        store.write(c -> DownloadRows.update(c,
                "UPDATE downloads SET state = 'PAUSED' WHERE track_id = ? AND state = 'QUEUED'", trackId));
    }

    /** Stops and forgets a download and deletes its files. */
    public void remove(String trackId) {
        stopRequests.put(trackId, Boolean.TRUE);
        Optional<String> name = store.write(c -> {
            Optional<String> fileName = DownloadRows.fileName(c, trackId);
            DownloadRows.update(c, "DELETE FROM downloads WHERE track_id = ?", trackId);
            return fileName;
        });
        name.ifPresent(this::deleteInside);
        deleteInside(trackId + ".part");
    }

    /** The verified file of a done download, if it is still there. */
    public Optional<Path> verifiedFile(String trackId) {
        return store.read(c -> {
            Optional<Download> d = DownloadRows.find(c, trackId);
            if (d.isEmpty() || d.get().state() != Download.State.DONE) {
                return Optional.<Path>empty();
            }
            try {
                Path file = ServerIds.inside(dir, DownloadRows.fileName(c, trackId).orElseThrow());
                return Files.size(file) == d.get().bytesTotal() ? Optional.of(file) : Optional.<Path>empty();
            } catch (IOException | ApiException e) {
                return Optional.<Path>empty();
            }
        });
    }

    /**
     * The tracks whose downloads are done and whose files are still there whole, in the order they were asked for:
     * one read for a whole list.
     */
    public Set<String> verifiedTrackIds() {
        Map<String, long[]> done = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT track_id, file_name, bytes_total FROM downloads WHERE state = 'DONE' ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.put(rs.getString(1), new long[] {rs.getLong(3)});
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
            return null;
        });
        Set<String> verified = new LinkedHashSet<>();
        done.forEach((id, size) -> {
            try {
                if (Files.size(ServerIds.inside(dir, names.get(id))) == size[0]) {
                    verified.add(id);
                }
            } catch (IOException | ApiException e) {
                // gone: not playable offline
            }
        });
        return verified;
    }

    /** The track was played: it is the last to be evicted. */
    public void markPlayed(String trackId) {
        store.write(c -> DownloadRows.set(c, "UPDATE downloads SET last_played_at = ? WHERE track_id = ?",
                clock.millis(), trackId));
    }

    public Optional<Download> download(String trackId) {
        return store.read(c -> DownloadRows.find(c, trackId));
    }

    public List<Download> downloads() {
        return store.read(c -> {
            List<Download> all = new ArrayList<>();
            for (String id : DownloadRows.ids(c, "SELECT track_id FROM downloads ORDER BY created_at")) {
                DownloadRows.find(c, id).ifPresent(all::add);
            }
            return all;
        });
    }

    /** Bytes taken by done downloads. */
    public long usedBytes() {
        return store.read(DownloadRows::used);
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Changes the storage budget (the listener's setting). Later downloads make room within it; downloads already
     * done are not evicted by a lower budget until room is needed.
     */
    public void setBudgetBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("The budget must be positive: " + bytes);
        }
        this.budgetBytes = bytes;
    }

    public void removeListener(DownloadListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        running.forEach(id -> stopRequests.put(id, Boolean.FALSE));
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Worker.

    private void submit(String trackId) {
        try {
            workers.execute(() -> run(trackId));
        } catch (RejectedExecutionException e) {
            LOG.debug("Download of {} not started: closing", trackId);
        }
    }

    private void run(String trackId) {
        if (!running.add(trackId)) {
            // The previous run of this track is still winding down (paused a moment ago): go again after it.
            again.add(trackId);
            return;
        }
        stopRequests.remove(trackId);
        try {
            Optional<Download> current = store.read(c -> DownloadRows.find(c, trackId));
            if (current.isEmpty() || current.get().state() != Download.State.QUEUED) {
                return;
            }
            Download d = current.get();
            if (!makeRoom(trackId, d.bytesTotal())) {
                fail(trackId, "There is not enough room in the download budget; remove downloads or raise it.");
                return;
            }
            setState(trackId, Download.State.DOWNLOADING, null);
            transfer(trackId, d);
        } catch (ApiException e) {
            fail(trackId, "The download stopped: " + e.getMessage());
        } catch (IOException e) {
            fail(trackId, "The download stopped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Download of {} failed", trackId, e);
            fail(trackId, "The download failed.");
        } finally {
            running.remove(trackId);
            if (again.remove(trackId)) {
                submit(trackId);
            }
        }
    }

    private void transfer(String trackId, Download d) throws IOException {
        Files.createDirectories(dir);
        Path part = part(trackId);
        String sha = store.read(c -> DownloadRows.sha256(c, trackId));
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have < d.bytesTotal()) {
            StreamUrl url = api.downloadUrl(trackId);
            Request.Builder request = new Request.Builder().url(url.url());
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-").header("If-Range", "\"" + sha + "\"");
            }
            Call call = api.http().newCall(request.build());
            try (Response response = call.execute()) {
                boolean append = response.code() == 206;
                if (!append && response.code() != 200) {
                    throw new IOException("the server answered " + response.code());
                }
                if (!append) {
                    have = 0;
                }
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                try (out; InputStream in = response.body().byteStream()) {
                    if (!copy(trackId, in, out, have, d.bytesTotal())) {
                        // Stopped: drop the connection rather than read the rest of the body to reuse it.
                        call.cancel();
                        return;
                    }
                }
            }
        }
        finish(trackId, part, sha, d.bytesTotal());
    }

    /** Copies until the end or a stop request; false when stopped. */
    private boolean copy(String trackId, InputStream in, OutputStream out, long start, long total) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long done = start;
        long lastReport = System.nanoTime();
        long reportedBytes = done;
        double rate = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            done += n;
            Boolean stop = stopRequests.get(trackId);
            if (stop != null) {
                out.flush();
                long bytes = done;
                if (!stop) {
                    store.write(c -> DownloadRows.set(c,
                            "UPDATE downloads SET state = 'PAUSED', bytes_done = ? WHERE track_id = ?", bytes,
                            trackId));
                    changed(trackId);
                }
                return false;
            }
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                double seconds = (now - lastReport) / 1e9;
                double recent = (done - reportedBytes) / seconds;
                rate = rate == 0 ? recent : 0.7 * rate + 0.3 * recent;
                lastReport = now;
                reportedBytes = done;
                saveProgress(trackId, done);
                Duration left = rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
                long bytes = done;
                double r = rate;
                listeners.forEach(l -> l.onProgress(trackId, bytes, total, r, left));
            }
        }
        long bytes = done;
        double r = rate;
        listeners.forEach(l -> l.onProgress(trackId, bytes, total, r, Duration.ZERO));
        return true;
    }

    private void finish(String trackId, Path part, String sha, long total) throws IOException {
        String actual = DownloadFiles.sha256(part);
        if (Files.size(part) != total || !actual.equals(sha)) {
            DownloadFiles.deleteQuietly(part);
            fail(trackId, "The downloaded file did not match the catalog and was removed; download it again.");
            return;
        }
        Path target = ServerIds.inside(dir, store.read(c -> DownloadRows.fileName(c, trackId)).orElseThrow());
        AtomicFiles.moveIntoPlace(part, target);
        store.write(c -> DownloadRows.update(c,
                "UPDATE downloads SET state = 'DONE', bytes_done = bytes_total, error = NULL WHERE track_id = ?",
                trackId));
        changed(trackId);
        makeRoom(null, 0);
    }

    /**
     * Evicts done, unpinned downloads, least recently played first, until {@code needed} more bytes fit; evicts
     * nothing when even that would not make room.
     *
     * @return whether they fit
     */
    private boolean makeRoom(String forTrack, long needed) {
        List<String> evicted = new ArrayList<>();
        boolean fits = store.write(c -> {
            long used = DownloadRows.used(c);
            if (used + needed <= budgetBytes) {
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT track_id, bytes_total, file_name FROM downloads "
                    + "WHERE state = 'DONE' AND pinned = 0 AND track_id <> ? ORDER BY last_played_at, created_at")) {
                ps.setString(1, forTrack == null ? "" : forTrack);
                List<String> victims = new ArrayList<>();
                List<String> files = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && used + needed > budgetBytes) {
                        victims.add(rs.getString("track_id"));
                        files.add(rs.getString("file_name"));
                        used -= rs.getLong("bytes_total");
                    }
                }
                if (used + needed > budgetBytes) {
                    return false; // evicting everything allowed would still not make room: keep it all
                }
                for (String victim : victims) {
                    DownloadRows.update(c, "DELETE FROM downloads WHERE track_id = ?", victim);
                }
                evicted.addAll(files);
            }
            return true;
        });
        evicted.forEach(name -> {
            LOG.info("Evicted {} to stay within the download budget", name);
            deleteInside(name);
        });
        return fits;
    }

    // ---- Storage helpers.

    private void fail(String trackId, String reason) {
        LOG.info("Download of {} failed: {}", trackId, reason);
        setState(trackId, Download.State.FAILED, reason);
    }

    private void setState(String trackId, Download.State state, String error) {
        store.write(c -> DownloadRows.setState(c, trackId, state, error));
        changed(trackId);
    }

    private void saveProgress(String trackId, long bytes) {
        store.write(c -> DownloadRows.set(c, "UPDATE downloads SET bytes_done = ? WHERE track_id = ?", bytes,
                trackId));
    }

    private void changed(String trackId) {
        download(trackId).ifPresent(d -> listeners.forEach(l -> l.onChanged(d)));
    }

    private Path part(String trackId) {
        return ServerIds.inside(dir, trackId + ".part");
    }

    /** Deletes {@code name} in the downloads folder; a name that would lead elsewhere deletes nothing. */
    private void deleteInside(String name) {
        try {
            DownloadFiles.deleteQuietly(ServerIds.inside(dir, name));
        } catch (ApiException e) {
            LOG.warn("Not deleted: {}", e.getMessage());
        }
    }
}
