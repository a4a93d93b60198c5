package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Base58;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A legacy Solana transaction message: the header, the account keys in the runtime's order (writable signers, the
 * fee payer first; read-only signers; writable non-signers; read-only non-signers), the recent blockhash and the
 * instructions. This is the exact content every signature covers.
 *
 * <p>Messages come from {@link #compile} or from {@link TransactionDecoder#decodeMessage}; either way the value is
 * what the bytes say, and {@link #serialize()} gives the bytes back unchanged.
 */
public final class LegacyMessage {

    /** Bytes of a blockhash. */
    public static final int BLOCKHASH_LENGTH = 32;

    private final int requiredSignatures;
    private final int readonlySignedAccounts;
    private final int readonlyUnsignedAccounts;
    private final List<Address> accountKeys;
    private final byte[] recentBlockhash;
    private final List<Instruction> instructions;

    LegacyMessage(int requiredSignatures, int readonlySignedAccounts, int readonlyUnsignedAccounts,
                  List<Address> accountKeys, byte[] recentBlockhash, List<CompiledInstruction> compiled) {
        this.requiredSignatures = requiredSignatures;
        this.readonlySignedAccounts = readonlySignedAccounts;
        this.readonlyUnsignedAccounts = readonlyUnsignedAccounts;
        this.accountKeys = List.copyOf(accountKeys);
        this.recentBlockhash = recentBlockhash.clone();
        List<Instruction> resolved = new ArrayList<>(compiled.size());
        for (CompiledInstruction instruction : compiled) {
            List<AccountMeta> accounts = new ArrayList<>(instruction.accountIndexes().length);
            for (int index : instruction.accountIndexes()) {
                accounts.add(new AccountMeta(this.accountKeys.get(index), isSigner(index), isWritable(index)));
            }
            resolved.add(new Instruction(this.accountKeys.get(instruction.programIdIndex()), accounts,
                    instruction.data()));
        }
        this.instructions = List.copyOf(resolved);
    }

    /**
     * Compiles instructions into a message paid for by {@code feePayer}: collects every account, merges the flags of
     * accounts named more than once (signer if any use signs, writable if any use writes), and orders them as the
     * runtime requires, keeping first-seen order within each group (as solanaj and web3.js do).
     *
     * @param recentBlockhash base58 blockhash from {@code getLatestBlockhash}
     */
    public static LegacyMessage compile(Address feePayer, String recentBlockhash, List<Instruction> instructions) {
        Objects.requireNonNull(feePayer, "feePayer");
        byte[] blockhash = Base58.decode(Objects.requireNonNull(recentBlockhash, "recentBlockhash"));
        if (blockhash.length != BLOCKHASH_LENGTH) {
            throw new IllegalArgumentException("A blockhash has 32 bytes; \"" + recentBlockhash + "\" has "
                    + blockhash.length);
        }
        if (instructions.isEmpty()) {
            throw new IllegalArgumentException("A transaction needs at least one instruction");
        }
        Map<Address, AccountMeta> metas = new LinkedHashMap<>();
        metas.put(feePayer, AccountMeta.writableSigner(feePayer));
        for (Instruction instruction : instructions) {
            for (AccountMeta meta : instruction.accounts()) {
                metas.merge(meta.address(), meta, LegacyMessage::merge);
            }
            metas.merge(instruction.programId(), AccountMeta.readonly(instruction.programId()),
                    LegacyMessage::merge);
        }
        List<AccountMeta> ordered = new ArrayList<>(metas.values());
        ordered.sort(Comparator.comparingInt(LegacyMessage::group)); // List.sort is stable
        if (ordered.size() > 256) {
            throw new IllegalArgumentException("A legacy message can name at most 256 accounts, not "
                    + ordered.size());
        }
        int signers = 0;
        int readonlySigned = 0;
        int readonlyUnsigned = 0;
        List<Address> keys = new ArrayList<>(ordered.size());
        Map<Address, Integer> indexes = new HashMap<>();
        for (AccountMeta meta : ordered) {
            indexes.put(meta.address(), keys.size());
            keys.add(meta.address());
            if (meta.signer()) {
                signers++;
                if (!meta.writable()) {
                    readonlySigned++;
                }
            } else if (!meta.writable()) {
                readonlyUnsigned++;
            }
        }
        List<CompiledInstruction> compiled = new ArrayList<>(instructions.size());
        for (Instruction instruction : instructions) {
            int[] accountIndexes = instruction.accounts().stream()
                    .mapToInt(meta -> indexes.get(meta.address())).toArray();
            compiled.add(new CompiledInstruction(indexes.get(instruction.programId()), accountIndexes,
                    instruction.data()));
        }
        return new LegacyMessage(signers, readonlySigned, readonlyUnsigned, keys, blockhash, compiled);
    }

    private static AccountMeta merge(AccountMeta first, AccountMeta second) {
        return new AccountMeta(first.address(), first.signer() || second.signer(),
                first.writable() || second.writable());
    }

    private static int group(AccountMeta meta) {
        if (meta.signer()) {
            return meta.writable() ? 0 : 1;
        }
        return meta.writable() ? 2 : 3;
    }

    /** The message bytes that signatures cover. */
    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(requiredSignatures);
        out.write(readonlySignedAccounts);
        out.write(readonlyUnsignedAccounts);
        CompactU16.write(out, accountKeys.size());
        for (Address key : accountKeys) {
            out.writeBytes(key.bytes());
        }
        out.writeBytes(recentBlockhash);
        CompactU16.write(out, instructions.size());
        for (Instruction instruction : instructions) {
            out.write(accountKeys.indexOf(instruction.programId()));
            CompactU16.write(out, instruction.accounts().size());
            for (AccountMeta meta : instruction.accounts()) {
                out.write(accountKeys.indexOf(meta.address()));
            }
            byte[] data = instruction.data();
            CompactU16.write(out, data.length);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /** How many signatures the transaction needs: the first this many account keys sign. */
    public int requiredSignatures() {
        return requiredSignatures;
    }

    /** How many of the signers are read-only (the last ones among the signers). */
    public int readonlySignedAccounts() {
        return readonlySignedAccounts;
    }

    /** How many of the non-signers are read-only (the last account keys). */
    public int readonlyUnsignedAccounts() {
        return readonlyUnsignedAccounts;
    }

    /** Every account the message names, in the message's order. */
    public List<Address> accountKeys() {
        return accountKeys;
    }

    /** The account that pays the fee: the first account key, always a writable signer. */
    public Address feePayer() {
        return accountKeys.getFirst();
    }

    /** The accounts that must sign, in the order their signatures appear in the transaction. */
    public List<Address> signers() {
        return accountKeys.subList(0, requiredSignatures);
    }

    /** Whether the account key at {@code index} must sign. */
    public boolean isSigner(int index) {
        return index < requiredSignatures;
    }

    /** Whether the account key at {@code index} may be written by the transaction. */
    public boolean isWritable(int index) {
        if (index < requiredSignatures) {
            return index < requiredSignatures - readonlySignedAccounts;
        }
        return index < accountKeys.size() - readonlyUnsignedAccounts;
    }

    /** The recent blockhash in base58. */
    public String recentBlockhash() {
        return Base58.encode(recentBlockhash);
    }

    /** The instructions, with each account's signer and writable flags as this message grants them. */
    public List<Instruction> instructions() {
        return instructions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LegacyMessage that && requiredSignatures == that.requiredSignatures
                && readonlySignedAccounts == that.readonlySignedAccounts
                && readonlyUnsignedAccounts == that.readonlyUnsignedAccounts
                && accountKeys.equals(that.accountKeys) && Arrays.equals(recentBlockhash, that.recentBlockhash)
                && instructions.equals(that.instructions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requiredSignatures, readonlySignedAccounts, readonlyUnsignedAccounts, accountKeys,
                Arrays.hashCode(recentBlockhash), instructions);
    }

    @Override
    public String toString() {
        return "LegacyMessage[feePayer=" + feePayer() + ", signers=" + signers() + ", recentBlockhash="
                + recentBlockhash() + ", instructions=" + instructions + "]";
    }

    /** An instruction as the bytes hold it: indexes into the account keys. */
    record CompiledInstruction(int programIdIndex, int[] accountIndexes, byte[] data) {
    }
}
