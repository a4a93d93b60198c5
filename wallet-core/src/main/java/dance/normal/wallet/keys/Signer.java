package dance.normal.wallet.keys;

/**
 * Something that holds an Ed25519 key and signs with it, HSM-style: the key can be used, never read. The software
 * signer keeps the key in memory; a hardware or PKCS#11 backend can stand in its place.
 */
public interface Signer extends AutoCloseable {

    /** The 32-byte Ed25519 public key (a copy). */
    byte[] publicKey();

    /** A 64-byte Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message);

    /** Forgets the key (the software signer zeroes it); signing afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
