package dance.normal.wallet.keys;

import dance.normal.wallet.secrets.Secrets;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key held in memory, used through {@link Signer}: it signs, it never hands out its key. The 32-byte
 * private seed lives in one array that {@link #close()} zeroes. Safe for concurrent use; signing after close throws.
 */
public final class SoftwareSigner implements Signer {

    static {
        Ed25519.precompute();
    }

    private final byte[] seed;
    private final byte[] publicKey;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** A signer over a copy of the 32-byte private seed; the caller still owns (and should zero) its array. */
    public SoftwareSigner(byte[] privateSeed) {
        if (privateSeed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 private seed is 32 bytes, not " + privateSeed.length);
        }
        this.seed = privateSeed.clone();
        this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    /** A signer over a fresh random key, for keys that need no recovery phrase (test and server-side keys). */
    public static SoftwareSigner generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        try {
            random.nextBytes(seed);
            return new SoftwareSigner(seed);
        } finally {
            Secrets.wipe(seed);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("The signer is closed");
            }
            Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
            return signature;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            Secrets.wipe(seed);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A probe for the zeroization tests: true once the key array holds only zeros. */
    boolean keyIsZeroed() {
        return Secrets.isZero(seed);
    }

    @Override
    public String toString() {
        return "SoftwareSigner[publicKey=" + Base58.encode(publicKey) + ", privateKey=redacted"
                + (isClosed() ? ", closed" : "") + "]";
    }
}
