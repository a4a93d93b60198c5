package dance.normal.sync.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.library.Likes;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plays made offline reach the real server exactly once: after the server comes back, and after a kill -9. */
class OutboxIT {

    private static TestServer server;
    private static String email;
    private static List<String> trackIds;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withDemo(true));
        email = server.signup("listener").get("me").get("email").asText();
        trackIds = new ArrayList<>();
        try (ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory())) {
            for (var change : api.changes("", 1000).changes()) {
                if (change.track() != null) {
                    trackIds.add(change.track().id());
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void playsMadeWhileTheServerWasDownArriveOnceItIsBack() throws Exception {
        Path file = dir.resolve("library.db");
        List<UUID> ids = new ArrayList<>();
        try (LocalStore store = LocalStore.open(file);
             ApiClient offline = new ApiClient(URI.create("http://127.0.0.1:9/"), TokenStore.inMemory())) {
            Outbox outbox = new Outbox(store, offline, Clock.systemUTC());
            for (int i = 0; i < 30; i++) {
                PlayEvent play = play(i);
                ids.add(play.id());
                outbox.recordPlay(play);
            }
            Outbox.Round round = outbox.deliver();
            assertThat(round.delivered()).isZero();
            assertThat(round.reachedServer()).isFalse();
            assertThat(outbox.pending()).isEqualTo(30);
        }
        // A restart, and the server is reachable.
        try (LocalStore store = LocalStore.open(file); ApiClient api = signedIn()) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            assertThat(outbox.pending()).isEqualTo(30);
            Outbox.Round round = outbox.deliver();
            assertThat(round.delivered()).isEqualTo(30);
            assertThat(outbox.pending()).isZero();
            // Delivered again by mistake (say, the delete was lost): the server keeps one of each.
            ids.forEach(id -> outbox.recordPlay(new PlayEvent(id, trackIds.getFirst(),
                    Instant.now().minusSeconds(60), 40_000L)));
            outbox.deliver();
        }
        assertThat(serverPlays(ids)).isEqualTo(30);
    }

    @Test
    void aClientKilledDuringDeliveryLeavesEachPlayOnTheServerExactlyOnce() throws Exception {
        Path file = dir.resolve("killed.db");
        List<UUID> ids = new ArrayList<>();
        try (LocalStore store = LocalStore.open(file);
             ApiClient offline = new ApiClient(URI.create("http://127.0.0.1:9/"), TokenStore.inMemory())) {
            Outbox outbox = new Outbox(store, offline, Clock.systemUTC());
            for (int i = 0; i < 2_000; i++) {
                PlayEvent play = play(i);
                ids.add(play.id());
                outbox.recordPlay(play);
            }
        }
        // A separate process delivers; it is killed with SIGKILL once the server has some but not all.
        Process first = deliverer(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (serverPlays(ids) < 200 && System.nanoTime() < deadline && first.isAlive()) {
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long atKill = serverPlays(ids);
        assertThat(atKill).as("killed mid-delivery").isBetween(1L, 1_999L);

        Process second = deliverer(file);
        boolean finished = second.waitFor(120, TimeUnit.SECONDS);
        String output = java.nio.file.Files.readString(dir.resolve("deliverer.log"));
        assertThat(finished).as(output).isTrue();
        assertThat(second.exitValue()).as(output).isZero();

        try (LocalStore store = LocalStore.open(file)) {
            assertThat(new Outbox(store, signedIn(), Clock.systemUTC()).entries()).as(output).isEmpty();
        }
        assertThat(serverPlays(ids)).isEqualTo(2_000);
    }

    @Test
    void onePlayTheServerRefusesDoesNotTakeItsBatchDown() throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (LocalStore store = LocalStore.open(dir.resolve("batch.db")); ApiClient api = signedIn()) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            for (int i = 0; i < 50; i++) {
                PlayEvent play = i == 20
                        ? new PlayEvent(UUID.randomUUID(), trackIds.getFirst(), Instant.now().plusSeconds(86_400 * 30L),
                                25_000L)
                        : play(i);
                ids.add(play.id());
                outbox.recordPlay(play);
            }
            Outbox.Round round = outbox.deliver();
            assertThat(round.delivered()).isEqualTo(49);
            assertThat(round.settled()).isEqualTo(1);
            assertThat(outbox.entries()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(OutboxEntry.State.FAILED);
                assertThat(e.lastError()).contains("startedAt");
            });
        }
        assertThat(serverPlays(ids)).isEqualTo(49);
    }

    @Test
    void anUnlikeNeverOvertakesItsLike() {
        Path file = dir.resolve("likes.db");
        try (LocalStore store = LocalStore.open(file); ApiClient api = signedIn()) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            CatalogMirror mirror = new CatalogMirror(store);
            new CatalogSync(api, store, mirror).pull();
            Track track = mirror.search("a", 1).getFirst();
            outbox.like(track.id());
            outbox.unlike(track.id());
            outbox.like("no-such-track");
            Outbox.Round round = outbox.deliver();
            assertThat(round.delivered()).isEqualTo(2);
            assertThat(round.settled()).isEqualTo(1);
            assertThat(outbox.entries()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(OutboxEntry.State.FAILED);
                assertThat(e.lastError()).isNotBlank();
            });
            // Liked then unliked, in that order: the server ends with no like.
            assertThat(api.get("/api/v1/me/likes", Likes.class).trackIds()).isEmpty();
            outbox.like(track.id());
            outbox.deliver();
            assertThat(api.get("/api/v1/me/likes", Likes.class).trackIds()).containsExactly(track.id());
        }
    }

    /** Plays over the last day, 30 s apart, each track's plays far enough apart not to overlap. */
    private static PlayEvent play(int i) {
        return new PlayEvent(UUID.randomUUID(), trackIds.get(i % trackIds.size()),
                Instant.now().minusSeconds(86_400).plusSeconds(i * 30L), 25_000L);
    }

    private static ApiClient signedIn() {
        ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory());
        api.signIn(new LoginRequest(email, "correct horse battery".toCharArray()));
        return api;
    }

    private Process deliverer(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxDeliverer.class.getName(), file.toString(), server.url("/"), email)
                .redirectErrorStream(true).redirectOutput(dir.resolve("deliverer.log").toFile()).start();
    }

    /** How many of these plays the server's database holds, counted in the database itself. */
    private static long serverPlays(List<UUID> ids) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            StringBuilder in = new StringBuilder();
            for (UUID id : ids) {
                in.append(in.isEmpty() ? "'" : ",'").append(id).append('\'');
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM plays WHERE id IN (" + in + ")")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
