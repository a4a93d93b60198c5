package dance.normal.sync.upload;

import dance.normal.protocol.Problem;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.store.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artist's uploads, kept in the local store so they carry on after the app restarts or the network drops.
 *
 * <p>Each file goes to the server with tus ({@link TusClient}): created once (its URL is kept), then sent in chunks,
 * each a PATCH whose bytes the server confirms; the store keeps the confirmed count, so a cut loses at most the chunk
 * on its way. After a failure the upload asks the server its offset (HEAD) and goes on from there, after a jittered
 * back-off that grows to {@link Options#backoffCap}; it keeps trying while the app runs. A chunk aims at
 * {@link Options#chunkTime} at the measured rate, so progress is smooth and pausing takes effect within a chunk.
 * The PATCH that brings the last byte waits for the server's verdict: a draft's track id, or the reason the audio was
 * refused. When that answer is lost (a cut, a restart), the server's list of studio tracks tells which upload became
 * which track.
 *
 * <p>A file is checked before each attempt: missing, or of another size or modification time than when it was
 * added, it is refused here with a clear reason rather than sent half old, half new.
 *
 * <p>The store is the truth: pause, resume and cancel change the row, and a worker looks at its row between chunks,
 * so nothing needs a lock across threads. At most {@link Options#concurrency} uploads run at once, each on a virtual
 * thread; listeners hear progress (rate and time left measured with the injected clock) and changes on those threads.
 */
public final class UploadQueue implements AutoCloseable {

    /** The file is no longer where it was added from. */
    public static final String LOCAL_MISSING = "file-missing";
    /** The file changed (size or time) since it was added. */
    public static final String LOCAL_CHANGED = "file-changed";
    /** The file is empty. */
    public static final String LOCAL_EMPTY = "file-empty";
    /** The server's verdict on the last bytes was lost and it made no track of them: send again. */
    public static final String VERDICT_LOST = "verdict-lost";
    /** The connection dropped; the upload tries again by itself ({@link Upload.State#UPLOADING} with this code). */
    public static final String RECONNECTING = "reconnecting";

    private static final Logger LOG = LoggerFactory.getLogger(UploadQueue.class);

    /**
     * How uploads go.
     *
     * @param concurrency uploads at once
     * @param minChunk    the smallest chunk (and the first, before there is a rate)
     * @param maxChunk    the largest chunk
     * @param chunkTime   how long a chunk should take at the measured rate
     * @param backoffBase the first wait after a failure
     * @param backoffCap  the longest wait
     */
    public record Options(int concurrency, long minChunk, long maxChunk, Duration chunkTime, Duration backoffBase,
                          Duration backoffCap) {

        /** Two at once, chunks of 256 KiB to 16 MiB lasting about 2 s, waits from 1 s up to 30 s. */
        public static Options defaults() {
            return new Options(2, 256 * 1024, 16 * 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(1),
                    Duration.ofSeconds(30));
        }
    }

    private final TusClient tus;
    private final ApiClient api;
    private final LocalStore store;
    private final Clock clock;
    private final Options options;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("upload-", 1).factory());
    private final List<UploadListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Uploads asked to pause or cancel while a chunk is on its way: their progress is no longer told. */
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private volatile boolean closed;

    public UploadQueue(ApiClient api, LocalStore store, Clock clock, Options options) {
        this.api = api;
        this.tus = new TusClient(api);
        this.store = store;
        this.clock = clock;
        this.options = options;
    }

    public void addListener(UploadListener listener) {
        listeners.add(listener);
    }

    public void removeListener(UploadListener listener) {
        listeners.remove(listener);
    }

    /** Carries on with what was on its way when the app last stopped. */
    public void start() {
        store.write(c -> {
            UploadRows.requeueInterrupted(c);
            return null;
        });
        pump();
    }

    /**
     * Queues files and folders (each folder expanded to its audio files, {@link AudioFiles#expand}); a file already
     * waiting or on its way is not queued twice, and an empty one is refused at once.
     *
     * @return the uploads added
     * @throws UncheckedIOException if a folder or a file cannot be read
     */
    public List<Upload> add(Collection<Path> chosen) {
        List<Upload> added = new ArrayList<>();
        for (Path file : AudioFiles.expand(chosen)) {
            long size;
            long modified;
            try {
                size = Files.size(file);
                modified = Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                throw new UncheckedIOException("The file " + file.getFileName() + " cannot be read", e);
            }
            Upload upload = new Upload(UUID.randomUUID().toString(), file, file.getFileName().toString(), size,
                    Upload.State.QUEUED, 0, null, null, null, null, clock.instant());
            boolean inserted = store.write(c -> {
                if (UploadRows.pending(c, file)) {
                    return false;
                }
                UploadRows.insert(c, upload, modified);
                if (size == 0) {
                    UploadRows.refused(c, upload.id(), LOCAL_EMPTY, "The file is empty.");
                }
                return true;
            });
            if (inserted) {
                added.add(upload(upload.id()).orElse(upload));
                changed(upload.id());
            }
        }
        pump();
        return added;
    }

    /** Every upload, in the order they were added. */
    public List<Upload> uploads() {
        return store.read(UploadRows::all);
    }

    public Optional<Upload> upload(String id) {
        return store.read(c -> UploadRows.find(c, id));
    }

    /** Stops an upload that is waiting or on its way; what the server has stays, and {@link #resume} goes on. */
    public void pause(String id) {
        boolean paused = store.write(c -> {
            Optional<Upload> u = UploadRows.find(c, id);
            if (u.isEmpty() || !u.get().state().active()) {
                return false;
            }
            UploadRows.setState(c, id, Upload.State.PAUSED, null, null);
            return true;
        });
        if (paused) {
            stopping.add(id);
            wakeUp();
            changed(id);
        }
    }

    /** Queues again a paused or failed upload; it goes on from the server's offset. */
    public void resume(String id) {
        boolean queued = store.write(c -> {
            Optional<Upload> u = UploadRows.find(c, id);
            if (u.isEmpty() || (u.get().state() != Upload.State.PAUSED && u.get().state() != Upload.State.FAILED)) {
                return false;
            }
            UploadRows.setState(c, id, Upload.State.QUEUED, null, null);
            return true;
        });
        if (queued) {
            stopping.remove(id);
            changed(id);
            pump();
        }
    }

    /**
     * Cancels an upload: its row goes, and the server is told to drop its bytes (tus termination), now or, when a
     * chunk is on its way, as soon as it has gone. A finished upload's row just goes (its draft stays).
     */
    public void cancel(String id) {
        Optional<Upload> gone = store.write(c -> {
            Optional<Upload> u = UploadRows.find(c, id);
            if (u.isPresent()) {
                UploadRows.delete(c, id);
            }
            return u;
        });
        if (gone.isEmpty()) {
            return;
        }
        stopping.add(id);
        wakeUp();
        listeners.forEach(l -> l.onRemoved(id));
        String url = gone.get().uploadUrl();
        if (url != null && !running.contains(id) && !gone.get().state().finished()) {
            terminateQuietly(url);
        }
    }

    @Override
    public void close() {
        closed = true;
        wakeUp();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Workers.

    private void pump() {
        if (closed) {
            return;
        }
        List<Upload> queued = store.read(c -> UploadRows.inState(c, Upload.State.QUEUED));
        synchronized (running) {
            for (Upload u : queued) {
                if (running.size() >= Math.max(1, options.concurrency())) {
                    return;
                }
                if (running.add(u.id())) {
                    try {
                        workers.execute(() -> run(u.id()));
                    } catch (RejectedExecutionException e) {
                        running.remove(u.id());
                        return;
                    }
                }
            }
        }
    }

    private void run(String id) {
        try {
            new UploadTransfer(this, id).run();
        } catch (RuntimeException e) {
            LOG.warn("Upload {} stopped", id, e);
            fail(id, "internal", "The upload stopped: " + e.getMessage());
        } finally {
            running.remove(id);
            if (upload(id).isEmpty()) {
                stopping.remove(id);
            }
            pump();
        }
    }

    // ---- What a transfer uses.

    TusClient tus() {
        return tus;
    }

    ApiClient api() {
        return api;
    }

    LocalStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    Options options() {
        return options;
    }

    boolean closed() {
        return closed;
    }

    /** Whether a worker is busy with an upload (tests wait for it to stop). */
    boolean running(String id) {
        return running.contains(id);
    }

    boolean stopping(String id) {
        return stopping.contains(id);
    }

    void progress(String id, long done, long size, double rate, Duration left) {
        listeners.forEach(l -> l.onProgress(id, done, size, rate, left));
    }

    /** Waits up to {@code millis}, or until a pause, a cancel or closing wakes every waiting upload. */
    void await(long millis) {
        synchronized (wake) {
            try {
                wake.wait(Math.max(1, millis));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    // ---- Helpers.

    static boolean transient_(ProblemException e) {
        return e.status() >= 500 || e.status() == 408 || e.status() == 429;
    }

    /** A problem's type as its last segment ({@code .../problems/unsupported-media} gives unsupported-media). */
    static String slug(Problem problem) {
        String type = problem.type() == null ? "" : problem.type();
        String last = type.substring(type.lastIndexOf('/') + 1);
        return last.isEmpty() ? "status-" + problem.status() : last;
    }

    void fail(String id, String code, String reason) {
        store.write(c -> {
            if (UploadRows.find(c, id).isPresent()) {
                UploadRows.setState(c, id, Upload.State.FAILED, code, reason);
            }
            return null;
        });
        changed(id);
    }

    void terminateQuietly(String url) {
        if (url == null) {
            return;
        }
        try {
            tus.terminate(url);
        } catch (ApiException e) {
            LOG.info("The server was not told to drop a cancelled upload ({}); it expires there", e.getMessage());
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    void changed(String id) {
        upload(id).ifPresent(u -> listeners.forEach(l -> l.onChanged(u)));
    }
}
