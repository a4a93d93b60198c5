package dance.normal.wallet.keystore;

import dance.normal.protocol.files.AtomicFiles;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The wallet's files: created owner-only (0600 where the file system has POSIX permissions, before any byte is
 * written), replaced atomically through the shared {@link AtomicFiles} (a crash leaves the old version or the new
 * one), and their I/O failures reported as {@link WalletException}s.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code data} atomically, owner-only ({@link AtomicFiles}). */
    public static void write(Path target, byte[] data) {
        try {
            AtomicFiles.writeOwnerOnly(target, data);
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot write " + target.getFileName() + ": " + reason(e), e);
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
        return FileChannel.open(file, options, AtomicFiles.ownerOnly(file.toAbsolutePath().getParent()));
    }

    /** Opens (creating when missing) a file for reading and writing, owner-only on creation. */
    public static FileChannel openReadWrite(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return FileChannel.open(file, options, AtomicFiles.ownerOnly(file.toAbsolutePath().getParent()));
    }

    static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
