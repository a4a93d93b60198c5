package dance.normal.sync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload queue against a tus server in memory ({@link FakeTusServer}) and a real local store: chunks, progress,
 * lost answers, pause, resume, cancel, restarts, changed files. Time comes from a clock that ticks on each reading.
 */
class UploadQueueTest {

    private static final int CHUNK = 64 * 1024;
    private static final ApiClient.Options FAST = new ApiClient.Options(Duration.ofMillis(500),
            Duration.ofSeconds(2), Duration.ofSeconds(10), 2, Duration.ofMillis(5), Duration.ofMillis(20), 100,
            Duration.ofMillis(50));
    private static final UploadQueue.Options SMALL_CHUNKS = new UploadQueue.Options(1, CHUNK, CHUNK,
            Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(40));

    @TempDir
    Path dir;

    private FakeTusServer tus;
    private ApiClient api;
    private LocalStore store;
    private UploadQueue queue;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<long[]> progress = new CopyOnWriteArrayList<>();
    private final List<Duration> left = new CopyOnWriteArrayList<>();
    private final List<Double> rates = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        tus = new FakeTusServer();
        api = new ApiClient(tus.server.url("/").uri(), TokenStore.inMemory(), FAST, Clock.systemUTC());
        store = LocalStore.open(dir.resolve("library.db"));
        queue = queue();
    }

    @AfterEach
    void stop() {
        queue.close();
        store.close();
        api.close();
        tus.close();
    }

    @Test
    void aWholeUploadGoesInChunksAndBecomesADraft() throws Exception {
        byte[] audio = bytes(5 * CHUNK + 123);
        Path file = Files.write(dir.resolve("Song.flac"), audio);

        Upload added = queue.add(List.of(file)).getFirst();
        Upload done = awaitState(added.id(), Upload.State.DONE);

        assertThat(done.trackId()).isNotNull();
        assertThat(tus.finished.get(done.trackId())).isEqualTo(audio);
        assertThat(done.bytesSent()).isEqualTo(audio.length);
        assertThat(done.uploadUrl()).isNull();
        assertThat(tus.patchOffsets).containsExactly(0L, (long) CHUNK, 2L * CHUNK, 3L * CHUNK, 4L * CHUNK,
                5L * CHUNK);
        assertThat(tus.uploads.values()).isEmpty();
        assertThat(tus.requests.getFirst()).isEqualTo("POST /api/v1/uploads");
        // Progress rises to the whole file, with a rate and a time left that reaches zero.
        assertThat(progress).extracting(p -> p[0]).isSorted().last().isEqualTo((long) audio.length);
        assertThat(progress).as("told along the way, not only at the end").hasSizeGreaterThanOrEqualTo(6);
        assertThat(rates.getLast()).isPositive();
        assertThat(left.getLast()).isEqualTo(Duration.ZERO);
        assertThat(events).containsSubsequence("QUEUED", "UPLOADING", "CHECKING", "DONE");
        assertThat(tus.metadata).containsExactly("filename U29uZy5mbGFj");
    }

    @Test
    void aLostAnswerIsFollowedByTheServersOffsetAndTheUploadFinishes() throws Exception {
        byte[] audio = bytes(4 * CHUNK);
        Path file = Files.write(dir.resolve("cut.flac"), audio);
        // The second chunk arrives but its answer is lost; the third is lost on the way.
        tus.faults.addAll(List.of(FakeTusServer.Fault.NONE, FakeTusServer.Fault.LOSE_ANSWER,
                FakeTusServer.Fault.LOSE_BYTES_AND_ANSWER));

        Upload done = awaitState(queue.add(List.of(file)).getFirst().id(), Upload.State.DONE);

        assertThat(tus.finished.get(done.trackId())).isEqualTo(audio);
        assertThat(tus.requests).filteredOn(r -> r.startsWith("HEAD")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(tus.patchOffsets).containsExactly(0L, (long) CHUNK, 2L * CHUNK, 2L * CHUNK, 3L * CHUNK);
        assertThat(events).contains("UPLOADING/" + UploadQueue.RECONNECTING);
    }

    @Test
    void refusedAudioKeepsTheServersReason() throws Exception {
        tus.verdict = all -> FakeTusServer.refusal("The file ends before its audio does (truncated FLAC).");
        Path file = Files.write(dir.resolve("truncated.flac"), bytes(CHUNK + 10));

        Upload refused = awaitState(queue.add(List.of(file)).getFirst().id(), Upload.State.REFUSED);

        assertThat(refused.reasonCode()).isEqualTo("unsupported-media");
        assertThat(refused.reason()).isEqualTo("The file ends before its audio does (truncated FLAC).");
        assertThat(refused.trackId()).isNull();
    }

    @Test
    void aVerdictLostWithTheConnectionIsFoundAmongTheDrafts() throws Exception {
        Path file = Files.write(dir.resolve("late.flac"), bytes(2 * CHUNK));
        tus.faults.addAll(List.of(FakeTusServer.Fault.NONE, FakeTusServer.Fault.LOSE_ANSWER));

        Upload done = awaitState(queue.add(List.of(file)).getFirst().id(), Upload.State.DONE);

        assertThat(done.trackId()).isEqualTo("track-up1");
        assertThat(tus.requests).contains("GET /api/v1/studio/tracks");
    }

    @Test
    void pauseStopsBetweenChunksAndResumeGoesOnFromTheServersOffset() throws Exception {
        byte[] audio = bytes(6 * CHUNK);
        Path file = Files.write(dir.resolve("long.wav"), audio);
        tus.holdFrom = 3L * CHUNK;

        String id = queue.add(List.of(file)).getFirst().id();
        assertThat(tus.held.await(20, TimeUnit.SECONDS)).isTrue();
        queue.pause(id);
        assertThat(queue.upload(id).orElseThrow().state()).isEqualTo(Upload.State.PAUSED);
        tus.release();
        await("the chunk on its way is confirmed", () -> queue.upload(id).orElseThrow().bytesSent() == 4L * CHUNK);
        await("the worker stopped", () -> !running(id));
        assertThat(queue.upload(id).orElseThrow().state()).isEqualTo(Upload.State.PAUSED);

        queue.resume(id);
        Upload done = awaitState(id, Upload.State.DONE);

        assertThat(tus.finished.get(done.trackId())).isEqualTo(audio);
        assertThat(tus.patchOffsets).containsExactly(0L, (long) CHUNK, 2L * CHUNK, 3L * CHUNK, 4L * CHUNK,
                5L * CHUNK);
    }

    @Test
    void cancelEndsTheUploadOnTheServerAndForgetsIt() throws Exception {
        Path file = Files.write(dir.resolve("cancel.flac"), bytes(4 * CHUNK));
        tus.holdFrom = CHUNK;
        List<String> removed = new CopyOnWriteArrayList<>();
        queue.addListener(new UploadListener() {
            @Override
            public void onRemoved(String id) {
                removed.add(id);
            }
        });

        String id = queue.add(List.of(file)).getFirst().id();
        assertThat(tus.held.await(20, TimeUnit.SECONDS)).isTrue();
        queue.cancel(id);
        assertThat(queue.upload(id)).isEmpty();
        assertThat(removed).containsExactly(id);
        tus.release();

        await("the server dropped it", () -> tus.deleted.contains("up1"));
        assertThat(tus.uploads).isEmpty();
        assertThat(queue.uploads()).isEmpty();
    }

    @Test
    void aQueueStartedAgainOnTheSameStoreGoesOnFromTheOffset() throws Exception {
        byte[] audio = bytes(5 * CHUNK);
        Path file = Files.write(dir.resolve("restart.flac"), audio);
        tus.holdFrom = 2L * CHUNK;
        String id = queue.add(List.of(file)).getFirst().id();
        assertThat(tus.held.await(20, TimeUnit.SECONDS)).isTrue();

        queue.close(); // the app quits with a chunk on its way
        tus.release();
        assertThat(queue.upload(id).orElseThrow().state()).isIn(Upload.State.UPLOADING, Upload.State.CHECKING);
        queue = queue();
        queue.start();
        Upload done = awaitState(id, Upload.State.DONE);

        assertThat(tus.finished.get(done.trackId())).isEqualTo(audio);
        assertThat(tus.requests).filteredOn(r -> r.startsWith("POST")).hasSize(1);
        assertThat(tus.requests).contains("HEAD /api/v1/uploads/up1");
    }

    @Test
    void aFileChangedOrGoneSinceItWasAddedIsRefusedHere() throws Exception {
        Path changed = Files.write(dir.resolve("changed.flac"), bytes(3 * CHUNK));
        Path gone = Files.write(dir.resolve("gone.flac"), bytes(3 * CHUNK));
        tus.holdFrom = CHUNK;
        List<Upload> added = queue.add(List.of(changed, gone));
        assertThat(tus.held.await(20, TimeUnit.SECONDS)).isTrue();
        queue.pause(added.get(0).id());
        queue.pause(added.get(1).id());
        Files.write(changed, bytes(2 * CHUNK));
        Files.delete(gone);
        tus.release();
        await("the worker stopped", () -> !running(added.get(0).id()));

        queue.resume(added.get(0).id());
        queue.resume(added.get(1).id());

        Upload first = awaitState(added.get(0).id(), Upload.State.REFUSED);
        Upload second = awaitState(added.get(1).id(), Upload.State.REFUSED);
        assertThat(first.reasonCode()).isEqualTo(UploadQueue.LOCAL_CHANGED);
        assertThat(first.reason()).isEqualTo("The file changed.flac changed after it was added; add it again.");
        assertThat(second.reasonCode()).isEqualTo(UploadQueue.LOCAL_MISSING);
        assertThat(second.reason()).isEqualTo("The file gone.flac is no longer there.");
    }

    @Test
    void anEmptyFileIsRefusedAtOnceAndAFileWaitingIsNotAddedTwice() throws Exception {
        Path empty = Files.write(dir.resolve("empty.mp3"), new byte[0]);
        Path file = Files.write(dir.resolve("twice.mp3"), bytes(3 * CHUNK));
        tus.holdFrom = 0;

        List<Upload> added = queue.add(List.of(empty, file));
        List<Upload> again = queue.add(List.of(file));

        assertThat(added.getFirst().state()).isEqualTo(Upload.State.REFUSED);
        assertThat(added.getFirst().reasonCode()).isEqualTo(UploadQueue.LOCAL_EMPTY);
        assertThat(again).isEmpty();
        assertThat(queue.uploads()).hasSize(2);
        tus.release();
    }

    // ---- Helpers.

    private UploadQueue queue() {
        UploadQueue q = new UploadQueue(api, store, new TickingClock(), SMALL_CHUNKS);
        q.addListener(new UploadListener() {
            @Override
            public void onProgress(String id, long sent, long size, double rate, Duration timeLeft) {
                progress.add(new long[] {sent, size});
                rates.add(rate);
                if (timeLeft != null) {
                    left.add(timeLeft);
                }
            }

            @Override
            public void onChanged(Upload upload) {
                events.add(upload.state() + (upload.state() == Upload.State.UPLOADING && upload.reasonCode() != null
                        ? "/" + upload.reasonCode() : ""));
            }
        });
        return q;
    }

    private boolean running(String id) {
        return queue.running(id);
    }

    private Upload awaitState(String id, Upload.State state) throws InterruptedException {
        await(id + " " + state, () -> queue.upload(id).map(u -> u.state() == state).orElse(false));
        return queue.upload(id).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** A clock that moves 50 ms each time it is read: rates come out the same on any machine. */
    static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.addAndGet(50));
        }
    }
}
