package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.p2p.solanaj.core.Account;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

/** A test-only {@link Signer} over BouncyCastle Ed25519 and a random seed. */
final class TestSigner implements Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] seed;
    private final byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    private volatile boolean closed;

    private TestSigner(byte[] seed) {
        this.seed = seed;
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    static TestSigner random() {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        RANDOM.nextBytes(seed);
        return new TestSigner(seed);
    }

    /** A signer whose seed comes from {@code random}, for reproducible property runs. */
    static TestSigner from(Random random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        random.nextBytes(seed);
        return new TestSigner(seed);
    }

    Address address() {
        return Address.of(publicKey);
    }

    /** The same key as a solanaj Account, only to compare wallet-core's bytes with solanaj's in tests. */
    Account solanajAccount() {
        byte[] secretKey = new byte[64];
        System.arraycopy(seed, 0, secretKey, 0, 32);
        System.arraycopy(publicKey, 0, secretKey, 32, 32);
        return new Account(secretKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(seed, (byte) 0);
    }

    @Override
    public String toString() {
        return "TestSigner[" + address() + "]";
    }
}
