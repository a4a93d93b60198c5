package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.Listening;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import dance.normal.sync.api.UnreachableException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void tearDown() {
        sessions.forEach(Session::close);
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
        Session session = signUp(new AppConfig(url, dataDir.resolve("listener"), false));
        Session newcomer = signUp(new AppConfig(url, dataDir.resolve("newcomer"), false));
        session.syncCatalog();
        newcomer.syncCatalog();

        Session.Seen<List<Track>> online = session.popular(10);
        assertThat(online.offline()).isFalse();
        assertThat(online.value()).extracting(Track::title).containsSubsequence("Played Often", "Played Once")
                .doesNotContain("Never Played");
        Session.Seen<Session.WalletState> wallet = session.walletState();
        assertThat(wallet.offline()).isFalse();
        assertThat(wallet.value().ledger().balanceMicros()).isZero();

        server.server().close();
        Session.Seen<List<Track>> offline = session.popular(10);
        assertThat(offline.offline()).isTrue();
        assertThat(offline.asOf()).isEqualTo(online.asOf());
        assertThat(offline.value()).isEqualTo(online.value());
        Session.Seen<Session.WalletState> walletOffline = session.walletState();
        assertThat(walletOffline.offline()).isTrue();
        assertThat(walletOffline.asOf()).isEqualTo(wallet.asOf());
        assertThat(walletOffline.value()).isEqualTo(wallet.value());

        // Someone who never saw them online has nothing kept: the screens say the server cannot be reached.
        assertThatThrownBy(() -> newcomer.popular(10)).isInstanceOf(UnreachableException.class);
        assertThatThrownBy(newcomer::walletState).isInstanceOf(UnreachableException.class);
    }

    private Session signUp(AppConfig config) {
        Session s = Session.signUp(config, "session-" + UUID.randomUUID() + "@example.com",
                "correct horse battery".toCharArray());
        sessions.add(s);
        return s;
    }

    private String upload(String artistToken, String title) {
        return TrackUploads.upload(server, artistToken, Fixtures.audio("mp3", 60, title),
                TrackUploads.fields("title", title, "release", "Kept")).get("id").asText();
    }
}
