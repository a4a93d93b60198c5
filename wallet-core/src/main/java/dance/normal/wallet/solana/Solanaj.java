package dance.normal.wallet.solana;

import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

import java.util.List;

/**
 * The one door to solanaj: converts its instructions and keys into wallet-core's own model, so nothing outside this
 * class depends on solanaj's types (docs/decisions/0008-solanaj-wrapped.md).
 */
final class Solanaj {

    private Solanaj() {
    }

    static PublicKey key(Address address) {
        return new PublicKey(address.bytes());
    }

    static Address address(PublicKey key) {
        return Address.of(key.toByteArray());
    }

    static Instruction instruction(TransactionInstruction instruction) {
        return instruction(instruction, address(instruction.getProgramId()));
    }

    /** Takes solanaj's accounts and data but runs them under {@code programId} (Token-2022 shares Token's layout). */
    static Instruction instruction(TransactionInstruction instruction, Address programId) {
        List<AccountMeta> accounts = instruction.getKeys().stream()
                .map(meta -> new AccountMeta(address(meta.getPublicKey()), meta.isSigner(), meta.isWritable()))
                .toList();
        return new Instruction(programId, accounts, instruction.getData());
    }

    static Address findProgramAddress(List<byte[]> seeds, Address program) {
        return address(PublicKey.findProgramAddress(seeds, key(program)).getAddress());
    }
}
