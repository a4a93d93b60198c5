package dance.normal.wallet.keys;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 signature checks (RFC 8032, as Solana uses them). */
public final class Signatures {

    /** The length of an Ed25519 signature. */
    public static final int LENGTH = Ed25519.SIGNATURE_SIZE;

    private Signatures() {
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != LENGTH) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false; // a public key that is not a curve point
        }
    }

    /** The signature a {@link Signer} returned, after checking it has the shape of one. */
    public static byte[] requireShape(byte[] signature) {
        if (signature == null || signature.length != LENGTH) {
            throw new IllegalStateException("The signer returned " + (signature == null ? "no" : signature.length
                    + " bytes instead of a 64-byte") + " signature");
        }
        return signature;
    }
}
