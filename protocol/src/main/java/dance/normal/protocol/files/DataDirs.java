package dance.normal.protocol.files;

import java.nio.file.Path;
import java.util.Locale;

/** Where Normal Dance keeps its data by default: one rule for the app and the server. */
public final class DataDirs {

    private DataDirs() {
    }

    /**
     * {@code $XDG_DATA_HOME/normal-dance/<part>}, falling back to {@code ~/.local/share} as the XDG spec says (a
     * relative XDG_DATA_HOME is ignored, as the spec asks); on macOS {@code ~/Library/Application Support}.
     */
    public static Path defaultFor(String part) {
        String xdg = System.getenv("XDG_DATA_HOME");
        String home = System.getProperty("user.home");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(home, ".local", "share");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac")) {
            base = Path.of(home, "Library", "Application Support");
        }
        return base.resolve("normal-dance").resolve(part);
    }
}
