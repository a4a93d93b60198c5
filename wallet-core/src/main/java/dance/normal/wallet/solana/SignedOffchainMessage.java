package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Base58;

import java.util.Arrays;
import java.util.Objects;

/**
 * An off-chain message with one signer's signature, as {@link OffchainMessage#sign} returns it.
 *
 * @param message   the message that was signed
 * @param signer    who signed it
 * @param signature the 64-byte Ed25519 signature over {@link OffchainMessage#serialize()} (copied in and out)
 */
public record SignedOffchainMessage(OffchainMessage message, Address signer, byte[] signature) {

    public SignedOffchainMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signer, "signer");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public String signatureBase58() {
        return Base58.encode(signature);
    }

    /** Whether the signature verifies and the signer is one of the message's signers. */
    public boolean verify() {
        return message.verify(signer, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedOffchainMessage that && message.equals(that.message)
                && signer.equals(that.signer) && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, signer, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "SignedOffchainMessage[signer=" + signer + ", signature=" + signatureBase58() + ", " + message + "]";
    }
}
