package dance.normal.server.demo;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a hidden temporary name next to the target and renames it into place, so a reader scanning the
 * directory (or a crash halfway) never sees a truncated track.
 */
final class AtomicFiles {

    /** Produces the file at the given (temporary) path. */
    @FunctionalInterface
    interface Producer {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, Producer producer) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            producer.writeTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, temp -> Files.write(temp, bytes));
    }
}
