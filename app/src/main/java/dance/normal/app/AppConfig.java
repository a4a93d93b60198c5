package dance.normal.app;

import dance.normal.protocol.files.DataDirs;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the app talks to and keeps its data.
 *
 * @param server  the Normal Dance server
 * @param dataDir per-user stores, downloads and the wallet live here
 * @param demo       with no saved session, sign up a demo listener and add money with the test card
 *                   ({@code --demo-listener}, what {@code ./nd demo} passes)
 * @param demoArtist with no saved session, sign in as the demo artist whose email and password are the two lines of
 *                   this file, and open on the Studio ({@code --demo-artist FILE}, what {@code ./nd demo --artist}
 *                   passes: the demo server writes the file); null otherwise
 */
public record AppConfig(URI server, Path dataDir, boolean demo, Path demoArtist) {

    public AppConfig(URI server, Path dataDir, boolean demo) {
        this(server, dataDir, demo, null);
    }

    /** Where the app talks to until the listener picks a server. */
    public static final URI DEFAULT_SERVER = URI.create("http://127.0.0.1:7878/");

    public static AppConfig from(List<String> args) {
        return from(args, dataDir -> Optional.empty());
    }

    /**
     * The command line's options. The server is {@code --server}, else {@code ND_SERVER}, else the one the listener
     * chose in Settings ({@code saved}, read from the data directory), else {@link #DEFAULT_SERVER}.
     */
    public static AppConfig from(List<String> args, Function<Path, Optional<URI>> saved) {
        String env = System.getenv("ND_SERVER");
        URI server = env == null || env.isBlank() ? null : overTlsUnlessLoopback(serverAddress(env), "ND_SERVER");
        Path dataDir = defaultDataDir();
        boolean demo = false;
        Path demoArtist = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--server" -> server = overTlsUnlessLoopback(serverAddress(value(args, ++i, "--server")),
                        "--server");
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir")).toAbsolutePath();
                case "--demo-listener" -> demo = true;
                case "--demo-artist" -> demoArtist = Path.of(value(args, ++i, "--demo-artist")).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option: " + args.get(i));
            }
        }
        if (server == null) {
            server = saved.apply(dataDir).orElse(DEFAULT_SERVER);
        }
        return new AppConfig(server, dataDir, demo, demoArtist);
    }

    public AppConfig withServer(URI other) {
        return new AppConfig(other, dataDir, demo, demoArtist);
    }

    /**
     * A server address as someone types it: {@code https://music.example.com}, {@code music.example.com} (then
     * https), {@code 127.0.0.1:7878}, {@code localhost:7878} or {@code [::1]:7878} (then http: loopback has no
     * certificate). The server's root: scheme and host in lower case, the scheme's own port left out, "/" as the
     * path; the same server typed two ways is the same address (and the same saved session).
     *
     * @throws IllegalArgumentException when it is not an http(s) address of a host, or has a path, query or user
     */
    public static URI serverAddress(String text) {
        String t = text.strip();
        URI uri;
        try {
            if (!t.contains("://")) {
                t = (isLoopback(new URI("http://" + t).getHost()) ? "http://" : "https://") + t;
            }
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a server address: " + text, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()
                || !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Not a server address: " + text);
        }
        int port = uri.getPort() == (scheme.equals("https") ? 443 : 80) ? -1 : uri.getPort();
        try {
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), port, "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a server address: " + text, e);
        }
    }

    /**
     * Plain http only to this machine: elsewhere the password and tokens would cross the network in the clear
     * (decision 0028). A LAN server runs with {@code --tls self-signed}; the app pins its certificate on first use.
     */
    static URI overTlsUnlessLoopback(URI server, String option) {
        if (server.getScheme().equals("http") && !isLoopback(server.getHost())) {
            throw new IllegalArgumentException(option + ": plain http is only for this machine; use https://"
                    + server.getHost() + (server.getPort() >= 0 ? ":" + server.getPort() : "")
                    + " (start the server with TLS, e.g. --tls self-signed)");
        }
        return server;
    }

    /** Whether {@code host} (as in a URI: IPv6 in brackets) is this machine: localhost, 127.0.0.0/8 or ::1. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]")
                || h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** $XDG_DATA_HOME/normal-dance/app (~/.local/share/normal-dance/app). */
    static Path defaultDataDir() {
        return DataDirs.defaultFor("app");
    }
}
