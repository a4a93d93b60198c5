package dance.normal.wallet.solana;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 verification (BouncyCastle), and the shape check every signature a {@code Signer} returns must pass. */
final class Ed25519Signatures {

    static final int LENGTH = 64;

    private Ed25519Signatures() {
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false; // a public key that is not a curve point
        }
    }

    static byte[] requireShape(byte[] signature) {
        if (signature == null || signature.length != LENGTH) {
            throw new IllegalStateException("The signer returned " + (signature == null ? "no" : signature.length
                    + " bytes instead of a 64-byte") + " signature");
        }
        return signature;
    }
}
