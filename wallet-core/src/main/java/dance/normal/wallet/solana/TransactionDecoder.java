package dance.normal.wallet.solana;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses legacy transaction messages and wire transactions from their bytes, trusting nothing about who built them:
 * whatever a signing policy is asked to sign, it sees what the bytes say. Parsing is strict, following the rules the
 * runtime sanitizes by (header counts within the key list, a writable fee payer, program and account indexes in
 * range, the fee payer never a program) and a few more that keep one meaning per byte string: shortest length
 * encodings, no duplicate account keys, no trailing bytes. Versioned (v0) messages are refused: wallet-core neither
 * builds nor signs them.
 */
public final class TransactionDecoder {

    private TransactionDecoder() {
    }

    /**
     * Parses legacy message bytes.
     *
     * @throws MalformedTransactionException naming what is wrong and where
     */
    public static LegacyMessage decodeMessage(byte[] message) {
        Objects.requireNonNull(message, "message");
        ByteReader in = new ByteReader(message);
        LegacyMessage decoded = readMessage(in);
        if (in.remaining() != 0) {
            throw new MalformedTransactionException(in.remaining() + " bytes follow the last instruction",
                    in.position());
        }
        return decoded;
    }

    /**
     * Parses a wire transaction (signatures, then the message) without checking the signatures; see
     * {@link SignedTransaction#verifySignatures()}.
     *
     * @throws MalformedTransactionException naming what is wrong and where
     */
    public static SignedTransaction decodeTransaction(byte[] wire) {
        Objects.requireNonNull(wire, "wire");
        if (wire.length > SignedTransaction.MAX_SIZE) {
            throw new TransactionTooLargeException(wire.length);
        }
        ByteReader in = new ByteReader(wire);
        int count = CompactU16.read(in, "signature list");
        List<byte[]> signatures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            signatures.add(in.read(SignedTransaction.SIGNATURE_LENGTH, "signature " + (i + 1)));
        }
        int messageStart = in.position();
        LegacyMessage message = readMessage(in);
        if (in.remaining() != 0) {
            throw new MalformedTransactionException(in.remaining() + " bytes follow the last instruction",
                    in.position());
        }
        if (count != message.requiredSignatures()) {
            throw new MalformedTransactionException("The transaction carries " + count + " signatures but its message"
                    + " requires " + message.requiredSignatures(), 0);
        }
        byte[] messageBytes = Arrays.copyOfRange(wire, messageStart, wire.length);
        return new SignedTransaction(new UnsignedTransaction(messageBytes, message), signatures);
    }

    private static LegacyMessage readMessage(ByteReader in) {
        int first = in.readUnsignedByte("message header");
        if ((first & 0x80) != 0) {
            throw new MalformedTransactionException("This is a versioned (v" + (first & 0x7F)
                    + ") message; only legacy messages are supported", 0);
        }
        int requiredSignatures = first;
        int readonlySigned = in.readUnsignedByte("message header");
        int readonlyUnsigned = in.readUnsignedByte("message header");
        int keyCount = CompactU16.read(in, "account key list");
        List<Address> keys = new ArrayList<>(keyCount);
        Set<Address> seen = new HashSet<>();
        for (int i = 0; i < keyCount; i++) {
            int at = in.position();
            Address key = Address.of(in.read(Address.LENGTH, "account key " + i));
            if (!seen.add(key)) {
                throw new MalformedTransactionException("Account key " + i + " (" + key + ") appears twice", at);
            }
            keys.add(key);
        }
        if (requiredSignatures == 0) {
            throw new MalformedTransactionException("The message requires no signature, so it has no fee payer", 0);
        }
        if (readonlySigned >= requiredSignatures) {
            throw new MalformedTransactionException("All " + requiredSignatures + " signers are read-only, so the fee"
                    + " payer could not pay", 1);
        }
        if (requiredSignatures + readonlyUnsigned > keyCount) {
            throw new MalformedTransactionException("The header names " + requiredSignatures + " signers and "
                    + readonlyUnsigned + " read-only accounts, but the message lists only " + keyCount + " keys", 0);
        }
        byte[] blockhash = in.read(LegacyMessage.BLOCKHASH_LENGTH, "recent blockhash");
        int instructionCount = CompactU16.read(in, "instruction list");
        List<LegacyMessage.CompiledInstruction> instructions = new ArrayList<>(instructionCount);
        for (int i = 0; i < instructionCount; i++) {
            String what = "instruction " + i;
            int at = in.position();
            int programIdIndex = in.readUnsignedByte(what + " program index");
            if (programIdIndex >= keyCount) {
                throw new MalformedTransactionException("Instruction " + i + " names program " + programIdIndex
                        + " of " + keyCount + " account keys", at);
            }
            if (programIdIndex == 0) {
                throw new MalformedTransactionException("Instruction " + i + " runs the fee payer as a program", at);
            }
            int accountCount = CompactU16.read(in, what + " account list");
            int[] accountIndexes = new int[accountCount];
            for (int a = 0; a < accountCount; a++) {
                int indexAt = in.position();
                accountIndexes[a] = in.readUnsignedByte(what + " account index");
                if (accountIndexes[a] >= keyCount) {
                    throw new MalformedTransactionException("Instruction " + i + " names account " + accountIndexes[a]
                            + " of " + keyCount + " account keys", indexAt);
                }
            }
            int dataLength = CompactU16.read(in, what + " data");
            byte[] data = in.read(dataLength, what + " data");
            instructions.add(new LegacyMessage.CompiledInstruction(programIdIndex, accountIndexes, data));
        }
        return new LegacyMessage(requiredSignatures, readonlySigned, readonlyUnsigned, keys, blockhash, instructions);
    }
}
