package dance.normal.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the app talks to and keeps its data.
 *
 * @param server  the Normal Dance server
 * @param dataDir per-user stores, downloads and the wallet live here
 * @param demo    with no saved session, sign up a demo listener and add money with the test card
 *                ({@code --demo-listener}, what {@code ./nd demo} passes)
 */
public record AppConfig(URI server, Path dataDir, boolean demo) {

    public static AppConfig from(List<String> args) {
        String env = System.getenv("ND_SERVER");
        URI server = URI.create(env == null || env.isBlank() ? "http://127.0.0.1:7878/" : env);
        Path dataDir = defaultDataDir();
        boolean demo = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--server" -> server = URI.create(value(args, ++i, "--server"));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir")).toAbsolutePath();
                case "--demo-listener" -> demo = true;
                default -> throw new IllegalArgumentException("Unknown option: " + args.get(i));
            }
        }
        if (!server.toString().endsWith("/")) {
            server = URI.create(server + "/");
        }
        return new AppConfig(server, dataDir, demo);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** $XDG_DATA_HOME/normal-dance/app (~/.local/share/normal-dance/app). */
    static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac")) {
            base = Path.of(System.getProperty("user.home"), "Library", "Application Support");
        }
        return base.resolve("normal-dance").resolve("app");
    }
}
