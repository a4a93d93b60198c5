package dance.normal.sync.download;

import dance.normal.protocol.catalog.Track;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The files of downloads: their names' extensions, their SHA-256, and deleting them without failing the caller. */
final class DownloadFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadManager.class);

    private DownloadFiles() {
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String extension(Track track) {
        String format = track.format() == null ? "" : track.format().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "flac", "mp3", "wav", "ogg", "opus", "m4a" -> "." + format;
            default -> ".audio";
        };
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{} could not be deleted: {}", file, e.getMessage());
        }
    }
}
