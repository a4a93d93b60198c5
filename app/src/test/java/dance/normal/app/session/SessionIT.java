package dance.normal.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.app.AppConfig;
import dance.normal.player.queue.QueueItem;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.Listening;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import dance.normal.sync.api.UnreachableException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed-in session against a real server on loopback, without the UI: what Home and the Wallet show when the
 * server goes away.
 */
class SessionIT {

    @TempDir
    Path dataDir;
    private TestServer server;
    private String artistToken;
    private final List<SignedInSession> sessions = new ArrayList<>();

    @AfterEach
    void tearDown() {
        sessions.forEach(SignedInSession::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void offlinePopularAndTheWalletAreWhatTheServerSaidLastWithWhen() {
        server = TestServer.start();
        String artist = server.signup("artist").get("accessToken").asText();
        String often = upload(artist, "Played Often");
        String once = upload(artist, "Played Once");
        upload(artist, "Never Played");
        // Plays as the app makes them (streamed, then sent once the time played has passed), so they count.
        String listener = server.listenerToken();
        List<Map<String, Object>> plays = new ArrayList<>();
        plays.addAll(Listening.listen(server, listener, often, 2, 35_000));
        plays.addAll(Listening.listen(server, listener, once, 1, 35_000));
        assertThat(server.postJson("/api/v1/plays", listener, Map.of("plays", plays)).statusCode())
                .isEqualTo(200);
        URI url = URI.create(server.url("/"));
        SignedInSession session = signUp(new AppConfig(url, dataDir.resolve("listener"), false));
        SignedInSession newcomer = signUp(new AppConfig(url, dataDir.resolve("newcomer"), false));
        session.catalog().syncCatalog();
        newcomer.catalog().syncCatalog();

        Seen<List<Track>> online = session.catalog().popular(10);
        assertThat(online.offline()).isFalse();
        assertThat(online.value()).extracting(Track::title).containsSubsequence("Played Often", "Played Once")
                .doesNotContain("Never Played");
        Seen<WalletService.WalletState> wallet = session.wallet().walletState();
        assertThat(wallet.offline()).isFalse();
        assertThat(wallet.value().ledger().balanceMicros()).isZero();

        server.server().close();
        Seen<List<Track>> offline = session.catalog().popular(10);
        assertThat(offline.offline()).isTrue();
        assertThat(offline.asOf()).isEqualTo(online.asOf());
        assertThat(offline.value()).isEqualTo(online.value());
        Seen<WalletService.WalletState> walletOffline = session.wallet().walletState();
        assertThat(walletOffline.offline()).isTrue();
        assertThat(walletOffline.asOf()).isEqualTo(wallet.asOf());
        assertThat(walletOffline.value()).isEqualTo(wallet.value());

        // Someone who never saw them online has nothing kept: the screens say the server cannot be reached.
        assertThatThrownBy(() -> newcomer.catalog().popular(10)).isInstanceOf(UnreachableException.class);
        assertThatThrownBy(newcomer.wallet()::walletState).isInstanceOf(UnreachableException.class);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerAlsoAfterTheAccessTokenExpired() {
        TestClock clock = new TestClock();
        server = TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity(), clock);
        AppConfig config = new AppConfig(URI.create(server.url("/")), dataDir.resolve("leaving"), false);
        SignedInSession session = signUp(config);
        TokenPair saved = opener(config).tokens().current().orElseThrow();
        clock.advance(Duration.ofMinutes(16)); // idle: the access token has expired

        session.signOut();

        assertThat(opener(config).tokens().current()).as("forgotten here").isEmpty();
        assertThat(server.postJson("/api/v1/auth/refresh", null, Map.of("refreshToken", saved.refreshToken()))
                .statusCode()).as("ended on the server").isEqualTo(401);
        assertThat(opener(config).resume()).isEmpty();
    }

    @Test
    void anOwnerSignsInOnThisDeviceWhileStrangersHaveLockedTheAccount() {
        server = TestServer.start();
        AppConfig config = new AppConfig(URI.create(server.url("/")), dataDir.resolve("owner"), false);
        SignedInSession first = signUp(config);
        String email = first.account().email();
        first.signOut();
        first.close();
        sessions.remove(first);
        for (int i = 0; i < 6; i++) {
            server.postJson("/api/v1/auth/login", null, Map.of("email", email, "password", "stranger guess " + i));
        }
        assertThat(server.postJson("/api/v1/auth/login", null, Map.of("email", email, "password",
                "correct horse battery")).statusCode()).as("locked for everyone else").isEqualTo(429);

        SignedInSession again = opener(config).signIn(email, "correct horse battery".toCharArray());
        sessions.add(again);

        assertThat(again.account().email()).isEqualTo(email);
    }

    private static SessionOpener opener(AppConfig config) {
        return new SessionOpener(config.server(), config.dataDir());
    }

    private SignedInSession signUp(AppConfig config) {
        SignedInSession s = opener(config).signUp("session-" + UUID.randomUUID() + "@example.com",
                "correct horse battery".toCharArray());
        sessions.add(s);
        return s;
    }

    private String upload(String artistToken, String title) {
        return upload(artistToken, title, 60);
    }

    private String upload(String artistToken, String title, int seconds) {
        return TrackUploads.upload(server, artistToken, Fixtures.audio("mp3", seconds, title),
                TrackUploads.fields("title", title, "release", "Kept")).get("id").asText();
    }
    @Test
    void playsInTheAppPayStreamedOnlineAndAsSignedReceiptsWhenDownloaded() throws Exception {
        server = TestServer.start();
        artistToken = server.signup("artist").get("accessToken").asText();
        String streamed = upload(artistToken, "Streamed Here", 4);
        String kept = upload(artistToken, "Kept Here", 4);
        SignedInSession session = signUp(new AppConfig(URI.create(server.url("/")), dataDir.resolve("listener"),
                false));
        session.catalog().syncCatalog();
        // Downloaded for offline play through the real stream route: a grant to this device.
        session.downloads().download(kept, false);
        await("the download", () -> session.downloads().verifiedFile(kept).isPresent());

        // Each track played past half its length: the downloaded one from its file, the other streamed.
        for (String trackId : List.of(kept, streamed)) {
            Track track = session.catalog().track(trackId).orElseThrow();
            session.player().playNow(List.of(QueueItem.of(trackId, track.title(), "", track.durationMs())), 0);
            // Delivered by the sync (asked again while waiting), then judged by the server.
            await("a paid play of " + track.title(), () -> {
                session.sync().syncNow();
                return reasons(trackId).containsKey("QUALIFIED");
            });
            session.player().stop();
        }

        assertThat(reasons(kept)).containsExactly(Map.entry("QUALIFIED", 1L));
        assertThat(reasons(streamed)).containsExactly(Map.entry("QUALIFIED", 1L));
        // The downloaded track's play came as this device's signed receipt, the streamed one from the stream.
        assertThat(serverRows("SELECT COUNT(*) FROM receipt_counters")).isEqualTo(1);
        assertThat(serverRows("SELECT COUNT(*) FROM plays p JOIN devices d ON d.id = p.device_id "
                + "WHERE p.qualified")).isEqualTo(2);
    }

    private Map<String, Long> reasons(String trackId) {
        Map<String, Long> counts = new HashMap<>();
        JsonNode answer = TestServer.json(server.get("/api/v1/me/artist/plays", artistToken));
        for (JsonNode t : answer.get("tracks")) {
            if (t.get("trackId").asText().equals(trackId)) {
                t.get("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
            }
        }
        return counts;
    }

    /** A count over the server's own database. */
    private long serverRows(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

}
