package dance.normal.player.audio;

import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PlayerSettings} in a properties file, written to a temporary file beside it and moved into place, so a
 * crash mid-write leaves the previous settings. A file that cannot be read gives the defaults and a warning, never
 * an exception: losing a volume setting must not stop the music.
 */
public final class FilePlayerSettings implements PlayerSettings {

    private static final Logger LOG = LoggerFactory.getLogger(FilePlayerSettings.class);

    private final Path file;

    /**
     * @param file the properties file; its directory is created on the first save
     */
    public FilePlayerSettings(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public PlayerPreferences load() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return PlayerPreferences.DEFAULTS;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Player settings in {} cannot be read ({}); using the defaults", file, e.getMessage());
            return PlayerPreferences.DEFAULTS;
        }
        try {
            return parse(p);
        } catch (RuntimeException e) {
            LOG.warn("Player settings in {} are not valid ({}); using the defaults", file, e.getMessage());
            return PlayerPreferences.DEFAULTS;
        }
    }

    @Override
    public synchronized void save(PlayerPreferences preferences) {
        Properties p = new Properties();
        EqualizerSettings eq = preferences.equalizer();
        p.setProperty("volume", Integer.toString(preferences.volume()));
        p.setProperty("muted", Boolean.toString(preferences.muted()));
        p.setProperty("equalizer.enabled", Boolean.toString(eq.enabled()));
        p.setProperty("equalizer.preset", eq.preset());
        p.setProperty("equalizer.preamp", Double.toString(eq.preampDb()));
        List<String> bands = eq.bandsDb().stream().map(d -> Double.toString(d)).toList();
        p.setProperty("equalizer.bands", String.join(",", bands));
        try {
            AtomicFiles.writeThrough(file.resolveSibling(file.getFileName() + ".tmp"), file, out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                p.store(writer, "Normal Dance player settings");
                writer.flush();
            });
        } catch (IOException e) {
            // The previous settings file is untouched.
            LOG.warn("Player settings could not be saved to {}: {}", file, e.getMessage());
        }
    }

    private static PlayerPreferences parse(Properties p) {
        int volume = Integer.parseInt(required(p, "volume"));
        boolean muted = parseBoolean(required(p, "muted"));
        List<Double> bands = new ArrayList<>();
        for (String band : required(p, "equalizer.bands").split(",", -1)) {
            bands.add(Double.parseDouble(band.strip()));
        }
        EqualizerSettings eq = new EqualizerSettings(parseBoolean(required(p, "equalizer.enabled")),
                required(p, "equalizer.preset"), Double.parseDouble(required(p, "equalizer.preamp")), bands);
        return new PlayerPreferences(volume, muted, eq);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.strip();
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false: " + value);
        };
    }
}
