package dance.normal.wallet.keystore;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one keystore and the files beside it (backup, back-off state, audit log), across threads and
 * processes: a {@link ReentrantLock} per path inside this JVM, and an OS lock ({@link FileChannel#lock}) on the
 * sidecar {@code <keystore>.lock} across processes. The JVM-wide part is needed because the OS lock belongs to the
 * whole process: a second channel in the same JVM would get {@link java.nio.channels.OverlappingFileLockException}
 * rather than wait. Re-entrant on the same thread. The lock file is left in place: deleting it would let two
 * processes lock two different files.
 */
public final class KeystoreLock implements AutoCloseable {

    /** How long to wait for another holder before giving up with {@link Kind#BUSY}. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ConcurrentHashMap<Path, Holder> HOLDERS = new ConcurrentHashMap<>();

    private final Holder holder;
    private boolean released;

    private KeystoreLock(Holder holder) {
        this.holder = holder;
    }

    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        final Path lockFile;
        FileChannel channel;
        FileLock fileLock;

        Holder(Path lockFile) {
            this.lockFile = lockFile;
        }
    }

    /** The sidecar lock file of {@code keystore}. */
    public static Path lockFileOf(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".lock");
    }

    /** Waits up to {@link #TIMEOUT} for exclusive access to {@code keystore}. */
    public static KeystoreLock acquire(Path keystore) {
        Path key = keystore.toAbsolutePath().normalize();
        Holder holder = HOLDERS.computeIfAbsent(key, k -> new Holder(lockFileOf(k)));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            if (!holder.lock.tryLock(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException(Kind.BUSY, "Interrupted while waiting for the keystore lock", e);
        }
        if (holder.lock.getHoldCount() > 1) {
            return new KeystoreLock(holder);
        }
        try {
            holder.channel = OwnerOnlyFiles.openReadWrite(holder.lockFile);
            long pause = 5;
            while (true) {
                holder.fileLock = holder.channel.tryLock();
                if (holder.fileLock != null) {
                    return new KeystoreLock(holder);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(key);
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeChannel(holder);
            holder.lock.unlock();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new WalletException(Kind.BUSY, "Interrupted while waiting for the keystore lock", e);
            }
            if (e instanceof IOException io) {
                throw new WalletException(Kind.IO, "Cannot lock " + holder.lockFile.getFileName() + ": "
                        + OwnerOnlyFiles.reason(io), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        if (holder.lock.getHoldCount() == 1) {
            closeChannel(holder);
        }
        holder.lock.unlock();
    }

    private static void closeChannel(Holder holder) {
        try {
            if (holder.fileLock != null) {
                holder.fileLock.release();
            }
        } catch (IOException ignored) {
            // Closing the channel below releases the lock too.
        } finally {
            holder.fileLock = null;
            try {
                if (holder.channel != null) {
                    holder.channel.close();
                }
            } catch (IOException ignored) {
                // Nothing more to release.
            }
            holder.channel = null;
        }
    }

    private static WalletException busy(Path keystore) {
        return new WalletException(Kind.BUSY, "The keystore " + keystore.getFileName()
                + " stayed locked by another process or thread for " + TIMEOUT.toSeconds() + " seconds");
    }
}
