package dance.normal.server;

import dance.normal.server.chain.TreasuryPkcs11;
import dance.normal.server.http.TlsKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Command line of {@code ./nd server}. Prints one "listening on" line on stdout once connections are accepted. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Chosen before the first logger exists; logback reads the property once, at initialisation.
        if ("text".equalsIgnoreCase(System.getenv("ND_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-text.xml");
        }
        ServerConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("See ./nd server --help");
            System.exit(2);
            return;
        }
        NormalDanceServer server;
        try {
            server = NormalDanceServer.start(config);
        } catch (CannotStartException e) {
            System.err.println("The server cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + server.baseUrl());
        server.certificate().ifPresent(cert -> System.out.println("certificate SHA-256 fingerprint "
                + TlsKeys.fingerprint(cert)));
        System.out.flush();
    }

    static ServerConfig parse(String[] args) {
        ServerConfig config = ServerConfig.defaults();
        String chain = "ledger";
        Optional<URI> rpc = Optional.empty();
        Optional<TreasuryPkcs11> hsm = Optional.empty();
        Optional<Path> tlsCert = Optional.empty();
        Optional<Path> tlsKey = Optional.empty();
        boolean selfSigned = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> config = config.withDataDir(Path.of(value(args, ++i, arg)).toAbsolutePath());
                case "--port" -> config = config.withPort(port(value(args, ++i, arg), arg));
                case "--host" -> config = config.withHost(value(args, ++i, arg));
                case "--db" -> {
                    String url = value(args, ++i, arg);
                    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
                        throw new IllegalArgumentException("--db must be a jdbc:postgresql:// or jdbc:sqlite: URL");
                    }
                    config = config.withJdbcUrl(url);
                }
                case "--demo" -> config = config.withDemo(true);
                case "--chain" -> chain = value(args, ++i, arg);
                case "--rpc" -> rpc = Optional.of(uri(value(args, ++i, arg)));
                case "--payout-mint" -> config = config.withMoney(config.money().withPayoutMint(
                        value(args, ++i, arg)));
                case "--treasury-pkcs11" -> hsm = Optional.of(TreasuryPkcs11.parse(value(args, ++i, arg)));
                case "--payments" -> config = config.withMoney(config.money().withPayments(
                        List.of(value(args, ++i, arg).split(",")), config.money().stripe()));
                case "--allow-test-money" -> config = config.withMoney(config.money().withAllowTestMoney(true));
                case "--public-url" -> config = config.withHttp(config.http().withPublicUrl(
                        publicUrl(value(args, ++i, arg))));
                case "--metrics-port" -> config = config.withHttp(config.http().withMetricsPort(
                        port(value(args, ++i, arg), arg)));
                case "--tls-cert" -> tlsCert = Optional.of(Path.of(value(args, ++i, arg)).toAbsolutePath());
                case "--tls-key" -> tlsKey = Optional.of(Path.of(value(args, ++i, arg)).toAbsolutePath());
                case "--tls" -> {
                    String mode = value(args, ++i, arg);
                    if (!mode.equals("self-signed")) {
                        throw new IllegalArgumentException("--tls takes self-signed, not \"" + mode
                                + "\" (for a certificate of your own use --tls-cert FILE --tls-key FILE)");
                    }
                    selfSigned = true;
                }
                case "--signups-per-hour" -> config = config.withAuth(config.auth().withSignupsPerHour(
                        signupsPerHour(value(args, ++i, arg))));
                case "--upload-expiry-hours" -> config = config.withUploadExpiry(
                        java.time.Duration.ofHours(uploadExpiryHours(value(args, ++i, arg))));
                case "--rotate-keys" -> config = config.withAuth(config.auth().withRotateKeys(true));
                case "--trusted-proxy" -> config = config.withAuth(config.auth().withTrustedProxy(
                        value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        config = config.withMoney(config.money().withChain(chain, rpc));
        config.money().testMoneyRisk().ifPresent(risk -> {
            throw new IllegalArgumentException(risk);
        });
        if (hsm.isPresent()) {
            hsm.get().checkPinSource();
            config = config.withMoney(config.money().withTreasuryPkcs11(hsm.get()));
        }
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: the certificate and its key");
        }
        if (selfSigned && tlsCert.isPresent()) {
            throw new IllegalArgumentException("Give either --tls self-signed or --tls-cert/--tls-key, not both");
        }
        if (tlsCert.isPresent()) {
            for (Path file : List.of(tlsCert.get(), tlsKey.get())) {
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("Cannot read " + file);
                }
            }
            config = config.withHttp(config.http().withTls(new HttpOptions.Tls.Pem(tlsCert.get(), tlsKey.get())));
        } else if (selfSigned) {
            config = config.withHttp(config.http().withTls(new HttpOptions.Tls.SelfSigned()));
        }
        NormalDanceServer.requireTlsBeyondLoopback(config);
        return config;
    }

    private static URI uri(String text) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || !u.getScheme().startsWith("http") || u.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--rpc must be an http:// or https:// URL, not \"" + text + "\"");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static URI publicUrl(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--public-url must be a URL like https://music.example.org, not \""
                    + text + "\"");
        }
    }

    private static int uploadExpiryHours(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--upload-expiry-hours must be 1 or more, not \"" + text + "\"");
        }
    }

    private static int signupsPerHour(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--signups-per-hour must be 0 (no limit) or more, not \"" + text
                    + "\"");
        }
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number from 0 to 65535, not \"" + text + "\"");
        }
    }
}
