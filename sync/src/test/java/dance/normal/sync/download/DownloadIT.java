package dance.normal.sync.download;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import dance.normal.sync.TrackSource;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline downloads from the real server with its demo catalog, through a proxy that can cut connections. */
class DownloadIT {

    private static TestServer server;
    private static String email;

    @TempDir
    Path dir;

    private CuttingProxy proxy;
    private ApiClient api;
    private LocalStore store;
    private CatalogMirror mirror;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withDemo(true));
        email = server.signup("listener").get("me").get("email").asText();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() throws IOException {
        proxy = new CuttingProxy(server.server().port());
        api = new ApiClient(URI.create("http://127.0.0.1:" + proxy.port() + "/"), TokenStore.inMemory());
        api.signIn(new LoginRequest(email, "correct horse battery".toCharArray()));
        store = LocalStore.open(dir.resolve("library.db"));
        mirror = new CatalogMirror(store);
        new CatalogSync(api, store, mirror).pull();
    }

    @AfterEach
    void disconnect() throws IOException {
        store.close();
        api.close();
        proxy.close();
    }

    @Test
    void aDownloadedTrackIsVerifiedAndPlaysFromTheFile() throws Exception {
        List<Track> tracks = tracks();
        Track track = tracks.getFirst();
        Track other = tracks.get(1);
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            downloads.addListener(new DownloadListener() {
                @Override
                public void onProgress(String trackId, long done, long total, double rate, Duration left) {
                    progress.add(done);
                }
            });
            downloads.download(track.id(), false);
            await(() -> state(downloads, track) == Download.State.DONE);

            Path file = downloads.verifiedFile(track.id()).orElseThrow();
            assertThat(sha256(file)).isEqualTo(track.sha256());
            assertThat(progress).isNotEmpty().isSorted();
            assertThat(progress.getLast()).isEqualTo(track.sizeBytes());

            boolean[] online = {true};
            TrackSource source = new TrackSource(api, mirror, downloads, () -> online[0]);
            assertThat(source.resolve(track.id()).uri()).isEqualTo(file.toUri());
            assertThat(source.resolve(track.id()).loudnessLufs()).isEqualTo(track.loudnessLufs());
            assertThat(source.resolve(other.id()).uri().getScheme()).isEqualTo("http");
            assertThat(source.availability(other.id()).availability()).isEqualTo(TrackSource.Availability.ONLINE_ONLY);
            online[0] = false;
            assertThat(source.availability(track.id()).availability()).isEqualTo(TrackSource.Availability.PLAYABLE);
            assertThat(source.availability(other.id())).isEqualTo(new TrackSource.Status(
                    TrackSource.Availability.UNAVAILABLE, "Not downloaded, and the server cannot be reached."));
            // The same answers for a whole list at once (what a 100k-track library asks).
            assertThat(source.availability(List.of(track, other))).containsExactly(
                    java.util.Map.entry(track.id(), new TrackSource.Status(TrackSource.Availability.PLAYABLE, null)),
                    java.util.Map.entry(other.id(), source.availability(other.id())));
            assertThat(downloads.verifiedTrackIds()).containsExactly(track.id());
            Files.write(file, new byte[] {1, 2, 3}); // damaged on disk: no longer counts as kept
            assertThat(downloads.verifiedTrackIds()).isEmpty();
            assertThat(source.availability(List.of(track)).get(track.id()).availability())
                    .isEqualTo(TrackSource.Availability.UNAVAILABLE);
            try (Stream<Path> files = Files.list(dir.resolve("downloads"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
            }
        }
    }

    @Test
    void aReleaseDownloadsWhole() throws Exception {
        Track any = tracks().getFirst();
        List<Track> release = mirror.tracksOfRelease(any.releaseId());
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            downloads.downloadRelease(any.releaseId(), true);
            await(() -> release.stream().allMatch(t -> state(downloads, t) == Download.State.DONE));
            for (Track t : release) {
                assertThat(sha256(downloads.verifiedFile(t.id()).orElseThrow())).isEqualTo(t.sha256());
            }
        }
    }

    @Test
    void aDownloadCutAtRandomPointsResumesWithRangeToTheRightFile() throws Exception {
        Track track = tracks().stream().max(Comparator.comparingLong(Track::sizeBytes)).orElseThrow();
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            long before = proxy.forwarded();
            int cuts = 0;
            for (int attempt = 0; attempt < 4 && state(downloads, track) != Download.State.DONE; attempt++) {
                if (attempt < 3) {
                    long at = ThreadLocalRandom.current().nextLong(track.sizeBytes() / 5, track.sizeBytes() / 2);
                    proxy.cut(at, 1);
                    cuts++;
                } else {
                    proxy.cut(-1, 0);
                }
                downloads.download(track.id(), false);
                await(() -> state(downloads, track) == Download.State.DONE
                        || state(downloads, track) == Download.State.FAILED);
            }
            assertThat(cuts).isPositive();
            assertThat(state(downloads, track)).isEqualTo(Download.State.DONE);
            assertThat(sha256(downloads.verifiedFile(track.id()).orElseThrow())).isEqualTo(track.sha256());
            // Each resume asked only for the rest: well under two whole files went through the proxy.
            assertThat(proxy.forwarded() - before).isLessThan(track.sizeBytes() * 3 / 2);
        }
    }

    @Test
    void aPausedDownloadKeepsWhatArrivedAndResumesFromThere() throws Exception {
        Track track = tracks().stream().max(Comparator.comparingLong(Track::sizeBytes)).orElseThrow();
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            downloads.addListener(new DownloadListener() {
                @Override
                public void onProgress(String trackId, long done, long total, double rate, Duration left) {
                    progress.add(done);
                }
            });
            proxy.slow(true);
            long before = proxy.forwarded();
            downloads.download(track.id(), false);
            await(() -> !progress.isEmpty());
            downloads.pause(track.id());
            await(() -> state(downloads, track) == Download.State.PAUSED);
            long kept = downloads.download(track.id()).orElseThrow().bytesDone();
            assertThat(kept).isPositive().isLessThan(track.sizeBytes());
            assertThat(Files.size(dir.resolve("downloads").resolve(track.id() + ".part"))).isEqualTo(kept);

            proxy.slow(false);
            downloads.download(track.id(), false);
            await(() -> state(downloads, track) == Download.State.DONE);
            assertThat(sha256(downloads.verifiedFile(track.id()).orElseThrow())).isEqualTo(track.sha256());
            assertThat(proxy.forwarded() - before).isLessThan(track.sizeBytes() * 3 / 2);
        }
    }

    @Test
    void aFileThatDoesNotMatchItsHashIsRemovedAndReported() throws Exception {
        Track track = tracks().getFirst();
        try (DownloadManager closed = manager(Long.MAX_VALUE)) {
            closed.close();
            closed.download(track.id(), false);
        }
        store.write(c -> c.createStatement().executeUpdate("UPDATE downloads SET sha256 = '" + "0".repeat(64)
                + "'"));
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            downloads.start();
            await(() -> state(downloads, track) == Download.State.FAILED);
            assertThat(downloads.download(track.id()).orElseThrow().error()).contains("did not match");
            assertThat(downloads.verifiedFile(track.id())).isEmpty();
            try (Stream<Path> files = Files.list(dir.resolve("downloads"))) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void aDownloadQueuedBeforeARestartFinishesAfterIt() throws Exception {
        Track track = tracks().get(2);
        try (DownloadManager closed = manager(Long.MAX_VALUE)) {
            closed.close();
            closed.download(track.id(), false);
            assertThat(state(closed, track)).isEqualTo(Download.State.QUEUED);
        }
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            downloads.start();
            await(() -> state(downloads, track) == Download.State.DONE);
        }
    }

    @Test
    void aSmallBudgetEvictsTheLeastRecentlyPlayedButNeverThePinned() throws Exception {
        List<Track> tracks = tracks().subList(0, 4);
        Track pinned = tracks.get(0);
        Track played = tracks.get(1);
        Track stale = tracks.get(2);
        Track newcomer = tracks.get(3);
        long budget = pinned.sizeBytes() + played.sizeBytes() + stale.sizeBytes() + newcomer.sizeBytes() - 1;
        try (DownloadManager downloads = manager(budget)) {
            downloads.download(pinned.id(), true);
            downloads.download(stale.id(), false);
            downloads.download(played.id(), false);
            await(() -> Stream.of(pinned, stale, played).allMatch(t -> state(downloads, t) == Download.State.DONE));
            downloads.markPlayed(played.id());
            downloads.markPlayed(pinned.id());

            downloads.download(newcomer.id(), false);
            await(() -> state(downloads, newcomer) == Download.State.DONE);

            assertThat(downloads.download(stale.id())).isEmpty();
            assertThat(downloads.verifiedFile(pinned.id())).isPresent();
            assertThat(downloads.verifiedFile(played.id())).isPresent();
            assertThat(downloads.usedBytes()).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void aBudgetLoweredInSettingsMakesTheNextDownloadEvictAndOneThatCannotFitFailsWithTheReason() throws Exception {
        List<Track> tracks = tracks().subList(0, 3);
        Track first = tracks.get(0);
        Track second = tracks.get(1);
        Track big = tracks.get(2);
        try (DownloadManager downloads = manager(Long.MAX_VALUE)) {
            downloads.download(first.id(), false);
            await(() -> state(downloads, first) == Download.State.DONE);

            downloads.setBudgetBytes(second.sizeBytes());
            downloads.download(second.id(), false);
            await(() -> state(downloads, second) == Download.State.DONE);
            assertThat(downloads.download(first.id())).as("evicted to stay within the new budget").isEmpty();

            downloads.setBudgetBytes(1);
            downloads.download(big.id(), true);
            await(() -> state(downloads, big) == Download.State.FAILED);
            assertThat(downloads.download(big.id()).orElseThrow().error()).contains("budget");
            assertThat(downloads.verifiedFile(second.id())).as("a pinned download that cannot fit evicts nothing")
                    .isPresent();
            assertThat(downloads.budgetBytes()).isEqualTo(1);
        }
    }

    private DownloadManager manager(long budget) {
        return new DownloadManager(api, store, mirror, dir.resolve("downloads"), budget, 2, Clock.systemUTC());
    }

    /** Every track of the catalog, in a stable order. */
    private List<Track> tracks() {
        return api.changes("", 1000).changes().stream().filter(c -> c.track() != null).map(c -> c.track())
                .sorted(Comparator.comparing(Track::id)).toList();
    }

    private static Download.State state(DownloadManager downloads, Track track) {
        return downloads.download(track.id()).map(Download::state).orElse(null);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
