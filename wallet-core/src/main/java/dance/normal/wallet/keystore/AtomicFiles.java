package dance.normal.wallet.keystore;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files written so a crash leaves the old version or the new one, never half of either: write a temporary file in
 * the same directory, fsync it, rename it over the target, fsync the directory. Files are created owner-only
 * (0600) where the file system has POSIX permissions, before any byte is written.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code data} atomically. */
    public static void write(Path target, byte[] data) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", ownerOnly(dir));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically", e);
            }
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot write " + absolute.getFileName() + ": " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The temporary file is harmless; the next write makes a new one.
                }
            }
        }
    }

    /** Reads a whole file of at most {@code maxBytes}; null when it does not exist. */
    public static byte[] readIfExists(Path file, int maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new WalletException(Kind.UNREADABLE,
                        "The file " + file.getFileName() + " is larger than expected (" + size + " bytes)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot read " + file.getFileName() + ": " + reason(e), e);
        }
    }

    /**
     * Opens {@code file} for appending, creating it owner-only when it is missing (the permissions are set by the
     * creating call itself, so the file is never readable by others, not even for a moment).
     */
    public static FileChannel openForAppend(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return FileChannel.open(file, options, ownerOnly(file.toAbsolutePath().getParent()));
    }

    /** Opens (creating when missing) a file for reading and writing, owner-only on creation. */
    public static FileChannel openReadWrite(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return FileChannel.open(file, options, ownerOnly(file.toAbsolutePath().getParent()));
    }

    static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    /**
     * Makes a rename durable. Directories cannot be opened for fsync on every platform (Windows), so a failure here
     * only means the platform does not offer it.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here; the rename is still atomic.
        }
    }
}
