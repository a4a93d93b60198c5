package dance.normal.wallet.solana;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One instruction of a transaction: the program to run, the accounts it is given (in order) and its data. In a
 * decoded message the accounts' signer and writable flags are the message's, which is what the runtime enforces.
 *
 * @param programId the program that runs the instruction
 * @param accounts  the accounts, in the order the program expects them
 * @param data      the instruction data (copied in and out)
 */
public record Instruction(Address programId, List<AccountMeta> accounts, byte[] data) {

    public Instruction {
        Objects.requireNonNull(programId, "programId");
        accounts = List.copyOf(accounts);
        data = data.clone();
    }

    /** The instruction data (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The address of the account at {@code index}. */
    public Address account(int index) {
        return accounts.get(index).address();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Instruction that && programId.equals(that.programId)
                && accounts.equals(that.accounts) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(programId, accounts, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Instruction[programId=" + programId + ", accounts=" + accounts + ", data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
