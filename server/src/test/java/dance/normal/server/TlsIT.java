package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.http.TlsKeys;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and HTTP/2 from {@code --tls self-signed} and {@code --tls-cert/--tls-key}; the self-signed certificate is
 * made once and kept; plain http is refused beyond loopback.
 */
class TlsIT {

    /** A client that trusts exactly {@code cert} (as the app does once it pinned it), speaking HTTP/2. */
    private static HttpClient trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pinned", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static X509Certificate readCert(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static HttpResponse<String> get(HttpClient client, TestServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void selfSignedServesHttpsAndHttp2AndKeepsItsCertificateAcrossRestarts() throws Exception {
        TestServer server = TestServer.start(Databases.Kind.SQLITE,
                c -> c.withHttp(c.http().withTls(new HttpOptions.Tls.SelfSigned())));
        Path dataDir = server.dataDir();
        X509Certificate first;
        try {
            assertThat(server.url("/")).startsWith("https://127.0.0.1:");
            Path certFile = dataDir.resolve(TlsKeys.DIR).resolve(TlsKeys.SELF_SIGNED_CERT);
            Path keyFile = dataDir.resolve(TlsKeys.DIR).resolve(TlsKeys.SELF_SIGNED_KEY);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            first = readCert(certFile);
            assertThat(server.server().certificate()).contains(first);

            HttpResponse<String> health = get(trusting(first), server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(health.sslSession()).hasValueSatisfying(s -> {
                try {
                    assertThat(s.getPeerCertificates()[0]).isEqualTo(first);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            // HTTP/1.1 still answers over TLS (ALPN falls back).
            HttpResponse<String> h1 = trusting(first).send(HttpRequest.newBuilder(URI.create(server.url("/health")))
                    .version(HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(h1.statusCode()).isEqualTo(200);
            // A client that trusts only the usual authorities refuses it.
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), server, "/health"))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.server().close(); // the server stops; its data dir stays for the restart
        }
        try (TestServer again = TestServer.restart(dataDir,
                c -> c.withHttp(c.http().withTls(new HttpOptions.Tls.SelfSigned())))) {
            assertThat(again.server().certificate()).contains(first);
            assertThat(get(trusting(first), again, "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pemCertificateAndKeyAreServed() throws Exception {
        Path keys = Files.createTempDirectory("nd-pem-");
        try {
            TlsKeys made = TlsKeys.selfSigned(keys);
            Path cert = keys.resolve(TlsKeys.DIR).resolve(TlsKeys.SELF_SIGNED_CERT);
            Path key = keys.resolve(TlsKeys.DIR).resolve(TlsKeys.SELF_SIGNED_KEY);
            try (TestServer server = TestServer.start(Databases.Kind.SQLITE,
                    c -> c.withHttp(c.http().withTls(new HttpOptions.Tls.Pem(cert, key))))) {
                HttpResponse<String> r = get(trusting(made.certificate()), server, "/api/v1/tracks");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            }
        } finally {
            try (var files = Files.walk(keys)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void plainHttpBeyondLoopbackIsRefusedWithASentence() {
        ServerConfig wide = ServerConfig.forTests(Path.of("/nonexistent-never-created")).withHost("0.0.0.0");
        assertThatThrownBy(() -> NormalDanceServer.start(wide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Plain http is for this machine only").hasMessageContaining("--tls self-signed");
        assertThat(Files.exists(Path.of("/nonexistent-never-created"))).isFalse();
        // Behind a TLS-terminating proxy that says so, and with TLS, it is allowed.
        NormalDanceServer.requireTlsBeyondLoopback(wide.withHttp(wide.http().withPublicUrl(
                URI.create("https://music.example.org"))));
        NormalDanceServer.requireTlsBeyondLoopback(wide.withHttp(wide.http().withTls(
                new HttpOptions.Tls.SelfSigned())));
        NormalDanceServer.requireTlsBeyondLoopback(wide.withHost("localhost"));
    }

    @Test
    void theCommandLineRefusesPlainHttpOnANetworkAndHalfATlsPair() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--host", "0.0.0.0"}))
                .hasMessageContaining("Plain http is for this machine only");
        assertThatThrownBy(() -> Main.parse(new String[] {"--tls-cert", "/etc/hostname"}))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> Main.parse(new String[] {"--tls", "yes"}))
                .hasMessageContaining("self-signed");
        assertThat(Main.parse(new String[] {"--host", "0.0.0.0", "--tls", "self-signed"}).http().tls())
                .contains(new HttpOptions.Tls.SelfSigned());
    }
}
