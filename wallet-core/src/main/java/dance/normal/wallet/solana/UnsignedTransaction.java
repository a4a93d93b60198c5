package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.keys.Signer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A legacy transaction message ready to sign: the exact message bytes and their decoded form. The decoded form is
 * always parsed from the bytes (even for a message this class just built), so what a signing policy inspects is what
 * the signatures will cover. The wire size is checked here, before anything is signed or sent.
 */
public final class UnsignedTransaction {

    private final byte[] messageBytes;
    private final LegacyMessage message;

    UnsignedTransaction(byte[] messageBytes, LegacyMessage message) {
        this.messageBytes = messageBytes.clone();
        this.message = message;
        int size = wireSize();
        if (size > SignedTransaction.MAX_SIZE) {
            throw new TransactionTooLargeException(size);
        }
    }

    /**
     * Builds the message for {@code instructions}, paid for by {@code feePayer}, valid while
     * {@code recentBlockhash} is.
     *
     * @throws TransactionTooLargeException when the signed transaction would exceed 1,232 bytes
     */
    public static UnsignedTransaction build(Address feePayer, String recentBlockhash, List<Instruction> instructions) {
        return fromMessageBytes(LegacyMessage.compile(feePayer, recentBlockhash, instructions).serialize());
    }

    /** Convenience for {@link #build(Address, String, List)}. */
    public static UnsignedTransaction build(Address feePayer, String recentBlockhash, Instruction... instructions) {
        return build(feePayer, recentBlockhash, List.of(instructions));
    }

    /**
     * Takes message bytes from anywhere (the server, another wallet) and decodes them.
     *
     * @throws MalformedTransactionException when the bytes are not a legacy message
     * @throws TransactionTooLargeException  when the signed transaction would exceed 1,232 bytes
     */
    public static UnsignedTransaction fromMessageBytes(byte[] messageBytes) {
        return new UnsignedTransaction(messageBytes, TransactionDecoder.decodeMessage(messageBytes));
    }

    /**
     * Signs the message bytes with each signer the message requires and assembles the wire transaction, signatures
     * in the order of the message's signer accounts. Signers may be given in any order.
     *
     * @throws IllegalArgumentException when a required signer is missing or a signer is not required
     */
    public SignedTransaction sign(List<? extends Signer> signers) {
        List<Address> required = message.signers();
        Signer[] bySlot = new Signer[required.size()];
        for (Signer signer : signers) {
            Address key = Address.of(Objects.requireNonNull(signer, "signer").publicKey());
            int slot = required.indexOf(key);
            if (slot < 0) {
                throw new IllegalArgumentException(key + " is not a signer of this transaction; it needs "
                        + required);
            }
            bySlot[slot] = signer;
        }
        List<Address> missing = new ArrayList<>();
        for (int i = 0; i < bySlot.length; i++) {
            if (bySlot[i] == null) {
                missing.add(required.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The transaction also needs the signature of " + missing);
        }
        List<byte[]> signatures = new ArrayList<>(bySlot.length);
        for (Signer signer : bySlot) {
            signatures.add(Signatures.requireShape(signer.sign(messageBytes)));
        }
        return new SignedTransaction(this, signatures);
    }

    /** Convenience for {@link #sign(List)}. */
    public SignedTransaction sign(Signer... signers) {
        return sign(List.of(signers));
    }

    /** The bytes every signature covers (a copy). */
    public byte[] messageBytes() {
        return messageBytes.clone();
    }

    byte[] messageBytesShared() {
        return messageBytes;
    }

    /** The message, as decoded from {@link #messageBytes()}. */
    public LegacyMessage message() {
        return message;
    }

    public Address feePayer() {
        return message.feePayer();
    }

    public String recentBlockhash() {
        return message.recentBlockhash();
    }

    public List<Instruction> instructions() {
        return message.instructions();
    }

    /** The accounts that must sign, in signature order. */
    public List<Address> signers() {
        return message.signers();
    }

    /** The size of the signed transaction on the wire, in bytes. */
    public int wireSize() {
        int signatures = message.requiredSignatures();
        return CompactU16.size(signatures) + signatures * SignedTransaction.SIGNATURE_LENGTH + messageBytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnsignedTransaction that && Arrays.equals(messageBytes, that.messageBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(messageBytes);
    }

    @Override
    public String toString() {
        return "UnsignedTransaction[" + message + "]";
    }
}
