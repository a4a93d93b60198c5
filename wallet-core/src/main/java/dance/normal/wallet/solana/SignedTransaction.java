package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Signatures;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A signed legacy transaction in wire form: a compact-u16 count, the 64-byte signatures in the order of the
 * message's signer accounts, then the message. Its id is the first signature, the fee payer's, in base58.
 */
public final class SignedTransaction {

    /** The largest transaction a Solana packet carries, in bytes (IPv6 minimum MTU less headers). */
    public static final int MAX_SIZE = 1232;
    /** Bytes of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private final UnsignedTransaction unsigned;
    private final List<byte[]> signatures;
    private final byte[] wire;

    SignedTransaction(UnsignedTransaction unsigned, List<byte[]> signatures) {
        if (signatures.size() != unsigned.message().requiredSignatures()) {
            throw new IllegalArgumentException("The message needs " + unsigned.message().requiredSignatures()
                    + " signatures, not " + signatures.size());
        }
        this.unsigned = unsigned;
        this.signatures = signatures.stream().map(byte[]::clone).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream(unsigned.wireSize());
        CompactU16.write(out, signatures.size());
        for (byte[] signature : this.signatures) {
            out.writeBytes(signature);
        }
        out.writeBytes(unsigned.messageBytesShared());
        this.wire = out.toByteArray();
        if (wire.length > MAX_SIZE) {
            throw new TransactionTooLargeException(wire.length);
        }
    }

    /** Parses a wire transaction; see {@link TransactionDecoder#decodeTransaction(byte[])}. */
    public static SignedTransaction fromWire(byte[] wire) {
        return TransactionDecoder.decodeTransaction(wire);
    }

    /** The transaction id: the first (fee payer's) signature in base58. */
    public String id() {
        return Base58.encode(signatures.getFirst());
    }

    /** All signatures in base58, in the order of the message's signer accounts. */
    public List<String> signatures() {
        return signatures.stream().map(Base58::encode).toList();
    }

    /** The signature of the signer at {@code index} in the message's signer list (a copy). */
    public byte[] signature(int index) {
        return signatures.get(index).clone();
    }

    /** The wire bytes (a copy). */
    public byte[] wireBytes() {
        return wire.clone();
    }

    /** The wire bytes in base64, as {@code sendTransaction} takes them. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(wire);
    }

    public String toBase58() {
        return Base58.encode(wire);
    }

    /** The size on the wire, in bytes. */
    public int size() {
        return wire.length;
    }

    public UnsignedTransaction unsigned() {
        return unsigned;
    }

    public LegacyMessage message() {
        return unsigned.message();
    }

    /** Whether every signature verifies against its signer's public key over the message bytes. */
    public boolean verifySignatures() {
        List<Address> signers = unsigned.signers();
        byte[] message = unsigned.messageBytesShared();
        for (int i = 0; i < signers.size(); i++) {
            if (!Signatures.verify(signers.get(i).bytes(), message, signatures.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTransaction that && Arrays.equals(wire, that.wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return "SignedTransaction[id=" + id() + ", " + unsigned.message() + "]";
    }
}
