package dance.normal.protocol.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way every module writes a file that must never be seen half-written (ARCHITECTURE.md: "written to a
 * temporary name, flushed, then renamed"): the bytes go to a hidden temporary file beside the target, are forced to
 * the disk, renamed over the target in one step, and the directory is forced so the rename survives a power cut. A
 * crash leaves the old version or the new one; a failure removes the temporary file and leaves the old version.
 *
 * <p>The temporary file is always in the target's own directory, so the rename is on one file system and is atomic;
 * a file system that still cannot rename atomically is an error, never a silent copy.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Writes the new content to a stream (the temporary file's). */
    @FunctionalInterface
    public interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /** Produces the new content at a path (the temporary file's), e.g. by running a program that writes it. */
    @FunctionalInterface
    public interface Producer {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code data}. */
    public static void write(Path target, byte[] data) throws IOException {
        write(target, out -> out.write(data), false);
    }

    /** Replaces (or creates) {@code target} with what {@code writing} writes. */
    public static void write(Path target, Writing writing) throws IOException {
        write(target, writing, false);
    }

    /**
     * Replaces (or creates) {@code target} with {@code data}, readable and writable by its owner only (0600, where
     * the file system has POSIX permissions) from the moment the temporary file is created: for keys and secrets.
     */
    public static void writeOwnerOnly(Path target, byte[] data) throws IOException {
        write(target, out -> out.write(data), true);
    }

    /** As {@link #writeOwnerOnly(Path, byte[])}, with what {@code writing} writes. */
    public static void writeOwnerOnly(Path target, Writing writing) throws IOException {
        write(target, writing, true);
    }

    /**
     * Replaces (or creates) {@code target} with the file {@code producer} makes at a temporary path beside it (which
     * does not exist when the producer starts).
     */
    public static void produce(Path target, Producer producer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".part");
        try {
            Files.deleteIfExists(temp);
            producer.writeTo(temp);
            moveIntoPlace(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves a fully written file over {@code target}: forces it to the disk, renames it (atomically when both are on
     * one file system; a temporary file kept elsewhere, e.g. a download's part file, is moved as the file system
     * allows), then forces the directory.
     */
    public static void moveIntoPlace(Path written, Path target) throws IOException {
        force(written);
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces a written file's content to the disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Makes a rename in {@code dir} durable. Directories cannot be opened for fsync on every platform (Windows), so a
     * failure here only means the platform does not offer it; the rename itself is still atomic.
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here.
        }
    }

    /** The attributes that create a file owner-only in {@code dir}: none where it has no POSIX permissions. */
    public static FileAttribute<?>[] ownerOnly(Path dir) {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    /**
     * As {@link #write(Path, Writing)}, through a temporary file of the caller's choosing in the target's directory
     * (replaced if it is there), for a file whose writers already agree on one name.
     */
    public static void writeThrough(Path temp, Path target, Writing writing) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tempAbsolute = temp.toAbsolutePath();
        if (!tempAbsolute.getParent().equals(absolute.getParent())) {
            throw new IllegalArgumentException("The temporary file must be beside " + absolute.getFileName());
        }
        try (OutputStream out = Files.newOutputStream(tempAbsolute)) {
            out.flush();
        }
        fill(tempAbsolute, absolute, writing);
    }

    private static void write(Path target, Writing writing, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        FileAttribute<?>[] attributes = ownerOnly ? ownerOnly(dir) : new FileAttribute<?>[0];
        fill(Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes), absolute, writing);
    }

    /** Writes the existing, empty {@code temp}, forces it, renames it over {@code target}; removes it on failure. */
    private static void fill(Path temp, Path target, Writing writing) throws IOException {
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writing.to(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename " + target.getFileName() + " atomically", e);
            }
            moved = true;
            forceDirectory(target.getParent());
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
