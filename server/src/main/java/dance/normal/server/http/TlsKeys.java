package dance.normal.server.http;

import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS identity: a certificate chain and its private key from PEM files, or a self-signed certificate
 * made once and kept in the data directory (for a LAN of kiosks and TVs, where the app pins it on first use).
 */
public final class TlsKeys {

    /** Where a self-signed identity is kept, under the data dir. */
    public static final String DIR = "tls";
    public static final String SELF_SIGNED_CERT = "self-signed-cert.pem";
    public static final String SELF_SIGNED_KEY = "self-signed-key.pem";
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(20 * 365);

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private TlsKeys(KeyStore keyStore, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    /** A key store holding the identity, for Jetty's SslContextFactory. */
    public KeyStore keyStore() {
        return keyStore;
    }

    /**
     * The in-memory key store's password: random, made for this process and never written anywhere. Jetty takes it
     * as a String; it guards nothing outside this process, whose memory holds the key itself anyway.
     */
    public String keyStorePassword() {
        return new String(password);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate, as people compare it: upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate chain (server first) and its private key, both PEM (PKCS#8, PKCS#1 or SEC1 keys). */
    public static TlsKeys fromPem(Path certFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-cert " + certFile + " cannot be read as a PEM certificate: "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("--tls-cert " + certFile + " holds no PEM certificate");
        }
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            key = switch (o) {
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null, default -> throw new IllegalArgumentException("--tls-key " + keyFile
                        + " holds no unencrypted PEM private key");
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-key " + keyFile + " cannot be read as a PEM private key: "
                    + e.getMessage(), e);
        }
        return of(key, chain);
    }

    /**
     * The self-signed identity kept in {@code dataDir/tls}, made on first use: an EC P-256 key (file 0600) and a
     * certificate naming localhost, this machine's name and addresses, valid for 20 years. Kept, so a restart
     * serves the same certificate and pinned clients keep trusting it.
     */
    public static TlsKeys selfSigned(Path dataDir) {
        Path dir = dataDir.resolve(DIR);
        Path certFile = dir.resolve(SELF_SIGNED_CERT);
        Path keyFile = dir.resolve(SELF_SIGNED_KEY);
        try {
            if (!Files.exists(certFile) || !Files.exists(keyFile)) {
                Files.createDirectories(dir);
                make(certFile, keyFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the self-signed certificate in " + dir, e);
        }
        return fromPem(certFile, keyFile);
    }

    private static void make(Path certFile, Path keyFile) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Set<GeneralName> names = new LinkedHashSet<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            String host = hostName();
            if (host != null) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
            for (String address : addresses()) {
                names.add(new GeneralName(GeneralName.iPAddress, address));
            }
            X500Name subject = new X500Name("CN=Normal Dance" + (host == null ? "" : " on " + host.replace(",", " ")));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            // The key first, readable by its owner only; the certificate last, so its presence means both exist.
            writeAtomically(keyFile, pkcs8(pair.getPrivate()), true);
            writeAtomically(certFile, pem(cert), false);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate", e);
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            return name.matches("[a-z0-9.-]{1,253}") ? name : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** This machine's addresses a LAN client could use (not loopback, not link-local). */
    private static List<String> addresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
                nif.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .forEach(a -> out.add(a.getHostAddress().replaceAll("%.*$", "")));
            }
        } catch (SocketException e) {
            // no interfaces listed: the certificate names localhost only, which pinning does not need anyway
        }
        return out;
    }

    /** The key as PKCS#8 PEM ("PRIVATE KEY"), which every TLS tool reads. */
    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String pem(Object o) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(o);
        }
        return text.toString();
    }

    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (secret) {
            AtomicFiles.writeOwnerOnly(file, bytes);
        } else {
            AtomicFiles.write(file, bytes);
        }
    }

    private static TlsKeys of(PrivateKey key, List<X509Certificate> chain) {
        try {
            char[] password = new char[32];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('a' + random.nextInt(26));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            return new TlsKeys(store, password, chain.getFirst());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("The TLS key does not match a usable certificate: " + e.getMessage(),
                    e);
        }
    }
}
