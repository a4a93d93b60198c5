package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Signer;

import java.util.Arrays;
import java.util.Objects;

/**
 * A 32-byte Solana address: an Ed25519 public key, a program id or a program-derived address. Immutable; written
 * and read as base58.
 */
public final class Address {

    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Address(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address with these 32 bytes (copied). */
    public static Address of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("A Solana address has 32 bytes, not " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    /** Parses a base58 address; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static Address of(String base58) {
        Objects.requireNonNull(base58, "base58");
        byte[] decoded = Base58.decode(base58);
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException("Not a Solana address: \"" + base58 + "\" decodes to " + decoded.length
                    + " bytes, not 32");
        }
        return new Address(decoded);
    }

    /** The public key of this signer as an address. */
    public static Address of(Signer signer) {
        return of(signer.publicKey());
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase58() {
        return Base58.encode(bytes);
    }

    boolean equalsBytes(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Address address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The base58 form. */
    @Override
    public String toString() {
        return toBase58();
    }
}
