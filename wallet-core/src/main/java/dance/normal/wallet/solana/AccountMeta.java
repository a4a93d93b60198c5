package dance.normal.wallet.solana;

import java.util.Objects;

/** An account an instruction reads or writes, and whether it must sign. */
public record AccountMeta(Address address, boolean signer, boolean writable) {

    public AccountMeta {
        Objects.requireNonNull(address, "address");
    }

    public static AccountMeta writableSigner(Address address) {
        return new AccountMeta(address, true, true);
    }

    public static AccountMeta readonlySigner(Address address) {
        return new AccountMeta(address, true, false);
    }

    public static AccountMeta writable(Address address) {
        return new AccountMeta(address, false, true);
    }

    public static AccountMeta readonly(Address address) {
        return new AccountMeta(address, false, false);
    }
}
