package dance.normal.sync.api;

import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust on first use, for a server whose certificate no authority vouches for (a server started with
 * {@code --tls self-signed} on a LAN). The listener is shown the certificate's SHA-256 fingerprint once
 * ({@link #inspect}); once they accept it, it is kept here ({@link #pin}) and {@link ApiClient} trusts that
 * certificate and no other for the server: a changed one is refused with {@link UntrustedCertificateException}.
 * A certificate that chains to an authority the system trusts is checked the usual way and never pinned.
 *
 * <p>Pins live in a properties file (server origin = fingerprint), written to a temporary name and renamed.
 */
public final class CertificatePins {

    /**
     * What a server presented in a handshake.
     *
     * @param pem the certificate (public) in PEM, kept by {@link #pin(URI, Presented)} for libVLC to trust
     */
    public record Presented(String fingerprint, String subject, boolean trustedByAuthority, String pem) {
    }

    private static final String TRUSTED_DIRECTORY = "trusted-certificates";

    private final Path file;

    public CertificatePins(Path file) {
        this.file = file;
    }

    /** The fingerprint the listener accepted for {@code server}, if any. */
    public synchronized Optional<String> pinned(URI server) {
        return Optional.ofNullable(load().getProperty(origin(server)));
    }

    /**
     * The directory beside the pins holding each pinned certificate as {@code <fingerprint hex>.pem}, for libVLC's
     * GnuTLS to trust ({@code --gnutls-dir-trust}): only pinned certificates are there, a replaced one is removed.
     */
    public Path trustDirectory() {
        return file.resolveSibling(TRUSTED_DIRECTORY);
    }

    /**
     * Keeps the certificate {@code presented} as the only one trusted for {@code server} from now on, and its PEM in
     * {@link #trustDirectory()} so that streams played by libVLC trust it too.
     */
    public synchronized void pin(URI server, Presented presented) {
        try {
            Path dir = trustDirectory();
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(pemName(presented.fingerprint())), out -> out.write(
                    presented.pem().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the server's certificate in " + trustDirectory(), e);
        }
        pin(server, presented.fingerprint());
    }

    /**
     * Keeps {@code fingerprint} as the only certificate trusted for {@code server} from now on; the PEM of the
     * certificate it replaces, if no other server uses it, leaves {@link #trustDirectory()}.
     */
    public synchronized void pin(URI server, String fingerprint) {
        Properties pins = load();
        Object replaced = pins.setProperty(origin(server), fingerprint);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file,
                    out -> pins.store(out, "Certificates trusted on first use: server = SHA-256 fingerprint"));
            if (replaced != null && !replaced.equals(fingerprint) && !pins.containsValue(replaced)) {
                Files.deleteIfExists(trustDirectory().resolve(pemName((String) replaced)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the server's certificate in " + file, e);
        }
    }

    private static String pemName(String fingerprint) {
        return fingerprint.replace(":", "").toLowerCase(Locale.ROOT) + ".pem";
    }

    /** The certificate in PEM, as GnuTLS reads it. */
    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Properties load() {
        Properties pins = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                pins.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the trusted certificates in " + file, e);
            }
        }
        return pins;
    }

    /** scheme://host:port in lower case, the port always written: one server, one pin. */
    static String origin(URI server) {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        int port = server.getPort() >= 0 ? server.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + server.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** SHA-256 of the certificate as people compare it: upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Shakes hands with an https server and says what certificate it presents and whether an authority this
     * system trusts vouches for it. Nothing is sent but the handshake. Blocks; run it off the UI thread.
     *
     * @throws IOException when nothing answers or the other side does not speak TLS
     */
    public static Presented inspect(URI server, Duration timeout) throws IOException {
        X509Certificate[][] seen = new X509Certificate[1][];
        X509TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain.clone(); // only recorded: judged below, and this connection carries nothing
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        int port = server.getPort() >= 0 ? server.getPort() : 443;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recorder}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(server.getHost(), port), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                socket.startHandshake();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (seen[0] == null || seen[0].length == 0) {
            throw new IOException("The server presented no certificate.");
        }
        X509Certificate leaf = seen[0][0];
        return new Presented(fingerprint(leaf), leaf.getSubjectX500Principal().getName(),
                trustedByAuthority(seen[0]), pem(leaf));
    }

    private static boolean trustedByAuthority(X509Certificate[] chain) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    x509.checkServerTrusted(chain, "UNKNOWN");
                    return true;
                }
            }
            return false;
        } catch (CertificateException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that accepts exactly the certificate with {@code fingerprint}, and says so when it changed. */
    static X509TrustManager trusting(String fingerprint) {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0 || !fingerprint(chain[0]).equals(fingerprint)) {
                    throw new ChangedCertificateException(chain == null || chain.length == 0 ? "none"
                            : fingerprint(chain[0]));
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /** The server presented a certificate other than the one the listener trusted. */
    static final class ChangedCertificateException extends CertificateException {
        final String presented;

        ChangedCertificateException(String presented) {
            super("The server's certificate changed since it was trusted");
            this.presented = presented;
        }
    }
}
