package dance.normal.app.session;

import dance.normal.protocol.files.AtomicFiles;
import dance.normal.sync.api.ServerIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.scene.image.Image;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release artwork: fetched once from the server's content-addressed media URL, kept on disk under its SHA-256 (so
 * it shows offline), decoded at the size a view asks for and held in a bounded in-memory cache. Blocking; call it
 * from the background, never the FX thread (JavaFX images may be made on any thread).
 */
public final class ArtworkCache {

    private static final Logger LOG = LoggerFactory.getLogger(ArtworkCache.class);
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final int MEMORY_ENTRIES = 512;

    private final OkHttpClient http;
    private final HttpUrl base;
    private final Path dir;
    private final Map<String, Image> memory = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > MEMORY_ENTRIES;
        }
    };

    ArtworkCache(OkHttpClient http, HttpUrl base, Path dir) {
        this.http = http;
        this.base = base;
        this.dir = dir;
    }

    /**
     * The artwork at {@code url} (a media path such as {@code /api/v1/media/<sha256>}) as a square image of
     * {@code size} pixels, or empty when there is none or it cannot be had now.
     */
    public Optional<Image> image(String url, int size) {
        Optional<String> sha = sha(url);
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        String key = sha.get() + "@" + size;
        synchronized (memory) {
            Image cached = memory.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Path> file = file(url);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            Image image;
            try (InputStream in = Files.newInputStream(file.get())) {
                image = new Image(in, size, size, true, true);
            }
            if (image.isError()) {
                Files.deleteIfExists(file.get()); // not an image after all: fetch again next time
                return Optional.empty();
            }
            synchronized (memory) {
                memory.put(key, image);
            }
            return Optional.of(image);
        } catch (IOException e) {
            LOG.debug("No artwork for {}: {}", sha.get(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The artwork at {@code url} as a file on this device (fetched first when it is not here yet), e.g. for the
     * desktop's media controls; empty when there is none or it cannot be had now.
     */
    public Optional<Path> file(String url) {
        Optional<String> sha = sha(url);
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        Path file = ServerIds.inside(dir, sha.get()); // checked twice: it names a file
        try {
            return Files.exists(file) || fetch(url, file) ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("No artwork for {}: {}", sha.get(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The content hash a media URL ends with, if it is one. */
    private static Optional<String> sha(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String sha = url.substring(url.lastIndexOf('/') + 1);
        return SHA.matcher(sha).matches() ? Optional.of(sha) : Optional.empty();
    }

    private boolean fetch(String url, Path file) throws IOException {
        HttpUrl resolved = base.resolve(url);
        if (resolved == null) {
            return false;
        }
        try (Response response = http.newCall(new Request.Builder().url(resolved).build()).execute()) {
            if (!response.isSuccessful() || response.body() == null) {
                return false;
            }
            try (InputStream in = response.body().byteStream()) {
                AtomicFiles.write(file, in::transferTo);
            }
            return true;
        }
    }
}
