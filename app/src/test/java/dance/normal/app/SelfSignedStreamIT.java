package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import dance.normal.player.vlc.VlcEngine;
import dance.normal.server.HttpOptions;
import dance.normal.server.ServerConfig;
import dance.normal.server.support.Api;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import dance.normal.sync.api.CertificatePins;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams from a server started with {@code --tls self-signed} play through a real libVLC once the listener pinned its
 * certificate (decision 0028): the pin keeps the certificate's PEM where libVLC's GnuTLS trusts it, and only there.
 */
class SelfSignedStreamIT {

    private static final UnaryOperator<ServerConfig> SELF_SIGNED = c -> c.withHttp(
            c.http().withTls(new HttpOptions.Tls.SelfSigned()));

    @TempDir
    Path dir;

    @Test
    void libVlcPlaysAPinnedSelfSignedServersStreamAndRefusesAnyOtherCertificate() throws Exception {
        try (TestServer server = TestServer.start(Databases.Kind.SQLITE, SELF_SIGNED);
                TestServer other = TestServer.start(Databases.Kind.SQLITE, SELF_SIGNED)) {
            URI address = URI.create(server.url("/"));
            URI otherAddress = URI.create(other.url("/"));
            URI stream = streamOfATrack(server, address);
            CertificatePins pins = new CertificatePins(dir.resolve("pinned-certificates.properties"));
            VlcEngine engine = VlcEngine.headless(Duration.ofSeconds(2));
            // The engine starts before anything is pinned, as the app's does: each media reads the directory anew.
            engine.trustCertificatesIn(pins.trustDirectory());
            try {
                // Another server's certificate pinned: this one's is still refused.
                pins.pin(otherAddress, CertificatePins.inspect(otherAddress, Duration.ofSeconds(5)));
                assertThat(plays(engine, stream)).as("played with another server's certificate only").isFalse();

                CertificatePins.Presented presented = CertificatePins.inspect(address, Duration.ofSeconds(5));
                pins.pin(address, presented);
                Path pem = pins.trustDirectory()
                        .resolve(presented.fingerprint().replace(":", "").toLowerCase(Locale.ROOT) + ".pem");
                assertThat(pem).exists();
                assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
                assertThat(plays(engine, stream)).as("played once its certificate was pinned").isTrue();

                // The pin replaced by another certificate: the old one's PEM goes, and libVLC refuses it again.
                pins.pin(address, CertificatePins.inspect(otherAddress, Duration.ofSeconds(5)));
                assertThat(pem).doesNotExist();
                assertThat(plays(engine, stream)).as("played after its pin was replaced").isFalse();
            } finally {
                engine.close();
                engine.whenClosed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Whether libVLC plays {@code stream} past 300 ms (true) or fails (false), within a deadline. */
    private static boolean plays(VlcEngine engine, URI stream) throws Exception {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        PlayerListener listener = new PlayerListener() {
            @Override
            public void onPosition(long positionMs, long durationMs) {
                if (positionMs >= 300) {
                    outcome.complete(true);
                }
            }

            @Override
            public void onError(PlaybackError error) {
                outcome.complete(false);
            }

            @Override
            public void onState(PlaybackState state) {
                if (state instanceof PlaybackState.Failed) {
                    outcome.complete(false);
                }
            }
        };
        engine.addListener(listener);
        try {
            engine.play(stream);
            return outcome.get(30, TimeUnit.SECONDS);
        } finally {
            engine.stop();
            engine.removeListener(listener);
        }
    }

    /** Uploads a track and asks for a listener's stream URL of it, over https trusting the server's certificate. */
    private static URI streamOfATrack(TestServer server, URI address) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", server.server().certificate().orElseThrow());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api() {
            @Override
            public String url(String path) {
                return server.url(path);
            }

            @Override
            public HttpClient http() {
                return http;
            }
        };
        String artist = api.signup("artist").get("accessToken").asText();
        String track = TrackUploads.upload(api, artist, Fixtures.audio("mp3", 20, "Over TLS"),
                TrackUploads.fields("title", "Over TLS", "release", "Pinned")).get("id").asText();
        String listener = api.signup("listener").get("accessToken").asText();
        String url = TestServer.json(api.get("/api/v1/tracks/" + track + "/stream-url", listener)).get("url").asText();
        assertThat(url).doesNotStartWith("http:");
        return address.resolve(url);
    }
}
