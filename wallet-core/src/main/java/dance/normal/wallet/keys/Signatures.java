package dance.normal.wallet.keys;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 signature checks (RFC 8032, as Solana uses them). */
public final class Signatures {

    private Signatures() {
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
