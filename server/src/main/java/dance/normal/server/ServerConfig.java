package dance.normal.server;

import dance.normal.protocol.files.DataDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a server process is set up. Built from command-line options by {@link Main} or directly by tests.
 *
 * @param dataDir where the SQLite database, media files and the demo catalog live
 * @param jdbcUrl empty for the embedded default (SQLite in the data dir)
 * @param maxUploadBytes uploads larger than this are refused with 413 while streaming
 * @param money          tokens, payments and settlement
 * @param http           public URL, request data rate, idle timeout, metrics port
 * @param auth           sessions, sign-in limits and keys
 * @param uploadExpiry   an unfinished resumable upload with no bytes for this long is removed
 */
public record ServerConfig(Path dataDir, String host, int port, Optional<String> jdbcUrl, Optional<String> dbUser,
                           Optional<String> dbPassword, boolean demo, long maxUploadBytes, MoneyConfig money,
                           HttpOptions http, AuthConfig auth, Duration uploadExpiry) {

    public static final int DEFAULT_PORT = 7878;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L * 1024 * 1024;
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);

    public ServerConfig {
        if (uploadExpiry.isNegative() || uploadExpiry.isZero()) {
            throw new IllegalArgumentException("--upload-expiry-hours must be more than 0");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(defaultDataDir(), "127.0.0.1", DEFAULT_PORT, Optional.empty(),
                Optional.ofNullable(System.getenv("ND_DB_USER")), Optional.ofNullable(System.getenv("ND_DB_PASSWORD")),
                false, DEFAULT_MAX_UPLOAD_BYTES, MoneyConfig.defaults(), HttpOptions.defaults(),
                AuthConfig.defaults(), DEFAULT_UPLOAD_EXPIRY);
    }

    /**
     * A server on a free loopback port with its data in {@code dataDir}: what tests start. Test money is allowed
     * (tests pay with the test card in every mode); a test of the refusal turns it off.
     */
    public static ServerConfig forTests(Path dataDir) {
        return new ServerConfig(dataDir, "127.0.0.1", 0, Optional.empty(), Optional.empty(), Optional.empty(), false,
                DEFAULT_MAX_UPLOAD_BYTES, MoneyConfig.defaults().withPayments(List.of("test-card"),
                Optional.empty()).withAllowTestMoney(true), HttpOptions.defaults(),
                AuthConfig.defaults().withSignupsPerHour(0), DEFAULT_UPLOAD_EXPIRY);
    }

    /** $XDG_DATA_HOME/normal-dance/server, falling back to ~/.local/share as the XDG spec says. */
    public static Path defaultDataDir() {
        return DataDirs.defaultFor("server");
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(dir, host, port, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, money, http,
                auth, uploadExpiry);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(dataDir, h, port, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, money, http,
                auth, uploadExpiry);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(dataDir, host, p, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, money, http,
                auth, uploadExpiry);
    }

    public ServerConfig withJdbcUrl(String url) {
        return new ServerConfig(dataDir, host, port, Optional.of(url), dbUser, dbPassword, demo, maxUploadBytes,
                money, http, auth, uploadExpiry);
    }

    public ServerConfig withDbCredentials(String user, String password) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, Optional.ofNullable(user), Optional.ofNullable(password),
                demo, maxUploadBytes, money, http, auth, uploadExpiry);
    }

    public ServerConfig withDemo(boolean d) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, dbUser, dbPassword, d, maxUploadBytes, money, http,
                auth, uploadExpiry);
    }

    public ServerConfig withMaxUploadBytes(long max) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, dbUser, dbPassword, demo, max, money, http, auth,
                uploadExpiry);
    }

    public ServerConfig withMoney(MoneyConfig m) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, m, http,
                auth, uploadExpiry);
    }

    public ServerConfig withHttp(HttpOptions h) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, money, h,
                auth, uploadExpiry);
    }

    public ServerConfig withUploadExpiry(Duration d) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, money, http,
                auth, d);
    }

    public ServerConfig withAuth(AuthConfig a) {
        return new ServerConfig(dataDir, host, port, jdbcUrl, dbUser, dbPassword, demo, maxUploadBytes, money, http,
                a, uploadExpiry);
    }

    @Override
    public String toString() {
        return "ServerConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", db="
                + jdbcUrl.map(u -> u.replaceAll("password=[^&]*", "password=<redacted>")).orElse("sqlite")
                + ", demo=" + demo + ", maxUploadBytes=" + maxUploadBytes + ", " + money + ", " + http
                + ", trustedProxies=" + auth.trustedProxies().specs() + ", uploadExpiry=" + uploadExpiry + "]";
    }
}
