package dance.normal.server.storage;

import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed files: a file's name is the SHA-256 of its bytes, so nothing a client chose ever becomes a
 * path, and a file uploaded twice is stored once. New files are written under {@code tmp/}, flushed to disk and
 * renamed into place, so a reader never sees half a file.
 */
public final class MediaStore {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final Path root;
    private final Path tmp;

    public MediaStore(Path root) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
            // Leftovers of uploads cut off by a crash are garbage by definition.
            try (var leftovers = Files.list(tmp)) {
                for (Path p : leftovers.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the media directory " + root, e);
        }
    }

    /** A new empty temporary file in the store's own temp folder (same filesystem, so the final rename is atomic). */
    public Path newTempFile(String suffix) throws IOException {
        return Files.createTempFile(tmp, "upload-", suffix);
    }

    /**
     * Moves a fully written temp file into place under its hash. The file is fsynced first; if the content is
     * already stored, the temp file is dropped.
     */
    public Path commit(Path tempFile, String sha256) throws IOException {
        requireHash(sha256);
        AtomicFiles.force(tempFile);
        Path target = pathOf(sha256);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.deleteIfExists(tempFile);
            return target;
        }
        try {
            Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tempFile);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The media directory does not support atomic renames", e);
        }
        AtomicFiles.forceDirectory(target.getParent());
        return target;
    }

    /**
     * The folder where resumable uploads grow, one file per upload named by its id. Unlike {@code tmp/}, it is not
     * emptied at start: an upload outlives a restart, and other server processes on a shared filesystem may be
     * writing there (expired uploads are removed by their own job). Same filesystem, so {@link #commit} renames.
     */
    public Path resumableDir() {
        Path dir = root.resolve("uploads");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the uploads directory " + dir, e);
        }
        return dir;
    }

    /** The stored file for a hash, if present. */
    public Optional<Path> find(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path p = pathOf(sha256);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static void requireHash(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256 hex digest");
        }
    }
}
