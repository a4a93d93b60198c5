package dance.normal.app;

import dance.normal.app.session.DownloadService;
import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The listener's app settings on this device: theme, language, download budget and the server they chose. Read once
 * at start (before the first frame, so the first frame has the right theme and words) and written whole on each
 * change.
 *
 * @param theme       {@code system}, {@code light} or {@code dark}
 * @param language    {@code en} or {@code ru}
 * @param budgetBytes the most bytes downloads may take
 * @param server      the server chosen in Settings, or empty for the default
 */
public record AppPrefs(String theme, String language, long budgetBytes, Optional<URI> server) {

    /** The download budget until the listener picks one. */
    public static final long DEFAULT_BUDGET = DownloadService.DEFAULT_BUDGET_BYTES;

    /**
     * The saved settings; where none are saved, {@code -Dnd.theme} and {@code -Dnd.lang}, else the OS (its colour
     * scheme, and Russian when its language is Russian).
     */
    static AppPrefs load(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                p.clear(); // unreadable settings: the defaults, and the next change writes a good file
            }
        }
        String theme = p.getProperty("theme", System.getProperty("nd.theme", "system"));
        String language = p.getProperty("language", System.getProperty("nd.lang",
                Locale.getDefault().getLanguage()));
        long budget;
        try {
            budget = Long.parseLong(p.getProperty("budgetBytes", Long.toString(DEFAULT_BUDGET)));
        } catch (NumberFormatException e) {
            budget = DEFAULT_BUDGET;
        }
        Optional<URI> server;
        try {
            server = Optional.ofNullable(p.getProperty("server")).map(AppConfig::serverAddress);
        } catch (IllegalArgumentException e) {
            server = Optional.empty();
        }
        return new AppPrefs(theme.equals("light") || theme.equals("dark") ? theme : "system",
                language.equals("ru") ? "ru" : "en", budget > 0 ? budget : DEFAULT_BUDGET, server);
    }

    /** Writes the settings beside the file, then moves them over it. */
    void save(Path file) {
        Properties p = new Properties();
        p.setProperty("theme", theme);
        p.setProperty("language", language);
        p.setProperty("budgetBytes", Long.toString(budgetBytes));
        server.ifPresent(uri -> p.setProperty("server", uri.toString()));
        try {
            AtomicFiles.write(file, out -> p.store(out, "Normal Dance settings"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public AppPrefs withTheme(String value) {
        return new AppPrefs(value, language, budgetBytes, server);
    }

    public AppPrefs withLanguage(String value) {
        return new AppPrefs(theme, value, budgetBytes, server);
    }

    public AppPrefs withBudget(long bytes) {
        return new AppPrefs(theme, language, bytes, server);
    }

    public AppPrefs withServer(URI value) {
        return new AppPrefs(theme, language, budgetBytes, Optional.of(value));
    }
}
