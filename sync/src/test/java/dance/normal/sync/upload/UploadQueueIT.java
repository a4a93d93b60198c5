package dance.normal.sync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload queue against the real server's tus (SQLite), through a proxy that can drop connections on the way up:
 * whole uploads become drafts, a cut resumes, a restarted queue goes on, cancel ends the upload there, and a truncated
 * file is refused with the server's reason.
 */
class UploadQueueIT {

    private static final int CHUNK = 128 * 1024;
    private static final UploadQueue.Options OPTIONS = new UploadQueue.Options(1, CHUNK, CHUNK,
            Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(400));
    private static final ApiClient.Options API = new ApiClient.Options(Duration.ofSeconds(2), Duration.ofSeconds(20),
            Duration.ofSeconds(60), 3, Duration.ofMillis(20), Duration.ofMillis(100), 50, Duration.ofMillis(100));

    private static TestServer server;
    private static String email;

    @TempDir
    Path dir;

    private UploadCuttingProxy proxy;
    private ApiClient api;
    private LocalStore store;
    private UploadQueue queue;
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final List<Long> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c);
        email = server.signup("artist").get("me").get("email").asText();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        proxy = new UploadCuttingProxy(server.server().port());
        api = new ApiClient(URI.create("http://127.0.0.1:" + proxy.port() + "/"), TokenStore.inMemory(), API,
                Clock.systemUTC());
        api.signIn(new LoginRequest(email, "correct horse battery".toCharArray()));
        store = LocalStore.open(dir.resolve("library.db"));
        queue = queue();
    }

    @AfterEach
    void disconnect() throws Exception {
        queue.close();
        store.close();
        api.close();
        proxy.close();
    }

    @Test
    void aWholeUploadBecomesADraftListedWithItsUpload() throws Exception {
        Path file = copy(Fixtures.audio("wav", 8, "Queue Whole"), "whole.wav");

        Upload added = queue.add(List.of(file)).getFirst();
        Upload done = awaitState(added.id(), Upload.State.DONE);

        Draft draft = draft(done.trackId()).orElseThrow();
        assertThat(draft.uploadId()).isNotNull();
        assertThat(draft.title()).isEqualTo("Queue Whole");
        assertThat(draft.published()).isFalse();
        assertThat(sent).isSorted().last().isEqualTo(Files.size(file));
        assertThat(changes).containsSubsequence("UPLOADING", "CHECKING", "DONE");
    }

    @Test
    void aConnectionCutHalfwayResumesToTheEnd() throws Exception {
        Path file = copy(Fixtures.audio("wav", 8, "Queue Cut"), "cut.wav");
        api.http().connectionPool().evictAll(); // the sign-in's connection is not cut: the upload's new one is
        proxy.cutUploadsAfter(Files.size(file) / 2, 1);

        Upload done = awaitState(queue.add(List.of(file)).getFirst().id(), Upload.State.DONE);

        assertThat(proxy.cuts()).isEqualTo(1);
        assertThat(changes).contains("UPLOADING/" + UploadQueue.RECONNECTING);
        assertThat(draft(done.trackId())).map(Draft::title).contains("Queue Cut");
    }

    @Test
    void aQueueStartedAgainOnTheSameStoreGoesOnFromTheServersOffset() throws Exception {
        Path file = copy(Fixtures.audio("wav", 8, "Queue Restart"), "restart.wav");
        long size = Files.size(file);
        CountDownLatch half = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        queue.addListener(new UploadListener() {
            @Override
            public void onProgress(String id, long bytes, long total, double rate, Duration left) {
                if (bytes >= total / 2 && half.getCount() > 0) {
                    half.countDown();
                    try {
                        never.await(); // holds the upload halfway until the app quits
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        String id = queue.add(List.of(file)).getFirst().id();
        assertThat(half.await(30, TimeUnit.SECONDS)).isTrue();

        queue.close(); // the app quits halfway
        long confirmed = queue.upload(id).orElseThrow().bytesSent();
        assertThat(confirmed).isPositive().isLessThan(size);
        sent.clear();
        queue = queue();
        queue.start();
        Upload done = awaitState(id, Upload.State.DONE);

        assertThat(sent.getFirst()).as("the first bytes after the restart").isGreaterThanOrEqualTo(confirmed);
        assertThat(draft(done.trackId())).map(Draft::title).contains("Queue Restart");
    }

    @Test
    void anAnswerLostAfterTheLastByteIsFoundAmongTheStudiosTracks() throws Exception {
        Path file = copy(Fixtures.audio("wav", 4, "Queue Lost Answer"), "lost.wav");
        UploadQueue whole = new UploadQueue(api, store, new UploadQueueTest.TickingClock(), new UploadQueue.Options(1,
                Files.size(file), Files.size(file), Duration.ofSeconds(2), Duration.ofMillis(50),
                Duration.ofMillis(400)));
        whole.addListener(new UploadListener() {
            @Override
            public void onChanged(Upload u) {
                changes.add(u.state().name());
            }
        });
        queue.close();
        queue = whole;
        // The one PATCH carries the whole file; its answer is lost.
        proxy.dropAnswerAfterUpload(Files.size(file));

        Upload done = awaitState(queue.add(List.of(file)).getFirst().id(), Upload.State.DONE);

        assertThat(proxy.cuts()).isEqualTo(1);
        assertThat(changes).containsSubsequence("CHECKING", "DONE");
        Draft draft = draft(done.trackId()).orElseThrow();
        assertThat(draft.title()).isEqualTo("Queue Lost Answer");
        assertThat(draft.uploadId()).isNotNull();
    }

    @Test
    void cancelEndsTheUploadOnTheServer() throws Exception {
        Path file = copy(Fixtures.audio("wav", 8, "Queue Cancel"), "cancel.wav");
        CountDownLatch started = new CountDownLatch(1);
        queue.addListener(new UploadListener() {
            @Override
            public void onProgress(String id, long bytes, long total, double rate, Duration left) {
                if (bytes >= CHUNK) {
                    started.countDown();
                }
            }
        });
        String id = queue.add(List.of(file)).getFirst().id();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        String url = queue.upload(id).orElseThrow().uploadUrl();
        assertThat(url).isNotNull();

        queue.cancel(id);

        assertThat(queue.upload(id)).isEmpty();
        TusClient tus = new TusClient(api);
        await("the server forgot the upload", () -> tus.offset(url).isEmpty());
        assertThat(queue.uploads()).isEmpty();
    }

    @Test
    void aTruncatedFileIsRefusedWithTheServersReason() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.audio("wav", 8, "Queue Truncated"));
        Path file = Files.write(dir.resolve("truncated.wav"), Arrays.copyOf(whole, whole.length / 2));

        Upload refused = awaitState(queue.add(List.of(file)).getFirst().id(), Upload.State.REFUSED);

        assertThat(refused.reasonCode()).isEqualTo("unsupported-media");
        assertThat(refused.reason()).contains("incomplete");
        assertThat(refused.trackId()).isNull();
    }

    // ---- Helpers.

    private UploadQueue queue() {
        // A clock that moves on each reading: progress is told for every buffer, however fast loopback is.
        UploadQueue q = new UploadQueue(api, store, new UploadQueueTest.TickingClock(), OPTIONS);
        q.addListener(new UploadListener() {
            @Override
            public void onProgress(String id, long bytes, long total, double rate, Duration left) {
                sent.add(bytes);
            }

            @Override
            public void onChanged(Upload u) {
                changes.add(u.state() + (u.reasonCode() != null && u.state() == Upload.State.UPLOADING
                        ? "/" + u.reasonCode() : ""));
            }
        });
        return q;
    }

    private Path copy(Path fixture, String name) throws Exception {
        return Files.copy(fixture, dir.resolve(name));
    }

    /** A track as the server's database has it. */
    private record Draft(String title, String uploadId, boolean published) {
    }

    private static Optional<Draft> draft(String trackId) throws SQLException {
        String url = "jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db");
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT title, upload_id, published_at FROM tracks WHERE id = ?")) {
            ps.setString(1, trackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Draft(rs.getString(1), rs.getString(2), rs.getString(3) != null))
                        : Optional.empty();
            }
        }
    }

    private Upload awaitState(String id, Upload.State state) throws InterruptedException {
        await(id + " " + state, () -> queue.upload(id).map(u -> u.state() == state || u.state().finished()
                || u.state() == Upload.State.FAILED).orElse(false));
        Upload u = queue.upload(id).orElseThrow();
        assertThat(u.state()).as(u.toString()).isEqualTo(state);
        return u;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
