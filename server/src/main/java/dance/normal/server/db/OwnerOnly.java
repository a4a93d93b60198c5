package dance.normal.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the server's secrets (the database holds the token and stream-URL keys) from other local users: the data
 * directory 0700, database files 0600, set when they are made and put right at every start. Only on file systems
 * with POSIX permissions; elsewhere nothing happens.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and parents) if missing and makes it 0700. */
    public static void directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data directory " + dir + " private to its owner", e);
        }
    }

    /** Creates {@code file} empty and 0600 if missing (SQLite then makes its -wal and -shm files alike). */
    static void createFile(Path file) {
        try {
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // made before, or by another process just now; fixed below
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database file " + file, e);
        }
    }

    /** Makes {@code file} and its SQLite companions ({@code -wal}, {@code -shm}, {@code -journal}) 0600. */
    static void databaseFiles(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && posix(p)) {
                    Files.setPosixFilePermissions(p, FILE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make " + p + " private to its owner", e);
            }
        }
    }

    private static boolean posix(Path p) {
        return p != null && Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
