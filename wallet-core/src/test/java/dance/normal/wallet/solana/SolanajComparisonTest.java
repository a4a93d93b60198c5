package dance.normal.wallet.solana;

import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.AssociatedTokenProgram;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.SystemProgram;
import org.p2p.solanaj.programs.TokenProgram;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wallet-core's instructions, messages and wire transactions against solanaj's, byte for byte where comparable. */
class SolanajComparisonTest {

    private static final String BLOCKHASH = "CmpNeggWJ4JaWJeJ8YKN1Zypmk7uvQq3PECGUCAEMbky";

    private final TestSigner payer = TestSigner.random();
    private final TestSigner second = TestSigner.random();
    private final Address recipient = TestSigner.random().address();
    private final Address mint = TestSigner.random().address();

    @Test
    void instructionsSolanajGetsRightAreSolanajs() {
        assertThat(Instructions.transferSol(payer.address(), recipient, 42))
                .isEqualTo(ours(SystemProgram.transfer(key(payer.address()), key(recipient), 42)));
        assertThat(Instructions.createAccount(payer.address(), mint, 1_461_600, 82, Programs.TOKEN))
                .isEqualTo(ours(SystemProgram.createAccount(key(payer.address()), key(mint), 1_461_600, 82,
                        key(Programs.TOKEN))));
        assertThat(Instructions.initializeMint(Programs.TOKEN, mint, 0, payer.address()))
                .isEqualTo(ours(TokenProgram.initializeMint(key(mint), 0, key(payer.address()), null)));
        assertThat(Instructions.initializeMint(Programs.TOKEN, mint, 6, payer.address(), second.address()))
                .isEqualTo(ours(TokenProgram.initializeMint(key(mint), 6, key(payer.address()),
                        key(second.address()))));
        assertThat(Instructions.mintTo(Programs.TOKEN, mint, recipient, payer.address(), 7))
                .isEqualTo(ours(TokenProgram.mintTo(key(mint), key(recipient), key(payer.address()), 7)));
        assertThat(Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN, payer.address(), recipient,
                mint)).isEqualTo(ours(AssociatedTokenProgram.createIdempotent(key(payer.address()), key(recipient),
                key(mint))));
    }

    @Test
    void token2022InstructionsDifferFromTokenOnlyInTheirProgram() {
        Instruction token = Instructions.mintTo(Programs.TOKEN, mint, recipient, payer.address(), 7);
        Instruction token2022 = Instructions.mintTo(Programs.TOKEN_2022, mint, recipient, payer.address(), 7);
        assertThat(token2022.programId()).isEqualTo(Programs.TOKEN_2022);
        assertThat(token2022.accounts()).isEqualTo(token.accounts());
        assertThat(token2022.data()).isEqualTo(token.data());

        Instruction ata = Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN_2022, payer.address(),
                recipient, mint);
        assertThat(ata.account(1)).isEqualTo(Instructions.associatedTokenAddress(Programs.TOKEN_2022, recipient, mint))
                .isNotEqualTo(Instructions.associatedTokenAddress(Programs.TOKEN, recipient, mint));
        assertThat(ata.account(5)).isEqualTo(Programs.TOKEN_2022);
    }

    @Test
    void transferCheckedHasSolanajsDataButAReadOnlyOwner() {
        Address source = Instructions.associatedTokenAddress(Programs.TOKEN, payer.address(), mint);
        Address destination = Instructions.associatedTokenAddress(Programs.TOKEN, recipient, mint);
        Instruction ours = Instructions.transferChecked(Programs.TOKEN, source, mint, destination, payer.address(),
                250, 0);
        Instruction solanajs = ours(TokenProgram.transferChecked(key(source), key(destination), 250, (byte) 0,
                key(payer.address()), key(mint)));

        assertThat(ours.data()).isEqualTo(solanajs.data());
        assertThat(ours.accounts().subList(0, 3)).isEqualTo(solanajs.accounts().subList(0, 3));
        // The SPL Token program reads the owner; solanaj asks for a write lock on it as well.
        assertThat(ours.accounts().get(3)).isEqualTo(AccountMeta.readonlySigner(payer.address()));
        assertThat(solanajs.accounts().get(3)).isEqualTo(AccountMeta.writableSigner(payer.address()));
    }

    @Test
    void memoUsesMemoV2WhereSolanajWritesToV1() {
        Instruction ours = Instructions.memo("play receipt", payer.address());
        Instruction solanajs = ours(MemoProgram.writeUtf8(key(payer.address()), "play receipt"));
        assertThat(ours.programId()).isEqualTo(Programs.MEMO);
        assertThat(solanajs.programId()).isEqualTo(Programs.MEMO_V1);
        assertThat(ours.accounts()).isEqualTo(solanajs.accounts());
        assertThat(ours.data()).isEqualTo(solanajs.data());
    }

    @Test
    void singleSignerTransactionsAreByteForByteSolanajs() {
        List<List<Instruction>> cases = List.of(
                List.of(Instructions.transferSol(payer.address(), recipient, 1_000_000)),
                List.of(Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN, payer.address(),
                                recipient, mint),
                        Instructions.transferChecked(Programs.TOKEN,
                                Instructions.associatedTokenAddress(Programs.TOKEN, payer.address(), mint), mint,
                                Instructions.associatedTokenAddress(Programs.TOKEN, recipient, mint),
                                payer.address(), 250, 0),
                        Instructions.memo("purchase 42", payer.address())),
                List.of(Instructions.memo("a"), Instructions.transferSol(payer.address(), recipient, 5),
                        Instructions.memo("b", payer.address())));
        for (List<Instruction> instructions : cases) {
            SignedTransaction ours = UnsignedTransaction.build(payer.address(), BLOCKHASH, instructions).sign(payer);

            Transaction theirs = solanaj(instructions);
            theirs.sign(payer.solanajAccount());

            assertThat(ours.wireBytes()).as("%s", instructions).isEqualTo(theirs.serialize());
        }
    }

    @Test
    void messagesWithSignersInMessageOrderAreByteForByteSolanajs() {
        List<Instruction> instructions = List.of(
                Instructions.createAccount(payer.address(), second.address(), 1_461_600, 82, Programs.TOKEN),
                Instructions.initializeMint(Programs.TOKEN, second.address(), 0, payer.address()));
        SignedTransaction ours = UnsignedTransaction.build(payer.address(), BLOCKHASH, instructions)
                .sign(second, payer);

        Transaction theirs = solanaj(instructions);
        theirs.sign(List.of(payer.solanajAccount(), second.solanajAccount()));

        assertThat(ours.wireBytes()).isEqualTo(theirs.serialize());
    }

    @Test
    void signaturesFollowTheMessagesSignerOrderWhereSolanajFollowsItsSignerList() {
        // The read-only memo signer comes before the writable transfer signer; the message puts it after.
        TestSigner third = TestSigner.random();
        List<Instruction> withThird = List.of(
                Instructions.memo("receipt", second.address()),
                Instructions.transferSol(payer.address(), recipient, 5),
                Instructions.transferSol(third.address(), payer.address(), 1));

        SignedTransaction ours = UnsignedTransaction.build(payer.address(), BLOCKHASH, withThird)
                .sign(payer, second, third);
        assertThat(ours.message().signers()).containsExactly(payer.address(), third.address(), second.address());
        assertThat(ours.verifySignatures()).isTrue();

        Transaction theirs = solanaj(withThird);
        theirs.sign(List.of(payer.solanajAccount(), second.solanajAccount(), third.solanajAccount()));
        byte[] solanajWire = theirs.serialize();
        SignedTransaction decoded = SignedTransaction.fromWire(solanajWire);

        assertThat(decoded.message()).isEqualTo(ours.message()); // same message bytes...
        assertThat(decoded.verifySignatures()).isFalse(); // ...but signatures in the wrong slots: SignatureFailure
        assertThat(Arrays.equals(solanajWire, ours.wireBytes())).isFalse();
    }

    private static Transaction solanaj(List<Instruction> instructions) {
        Transaction transaction = new Transaction();
        for (Instruction instruction : instructions) {
            transaction.addInstruction(theirs(instruction));
        }
        transaction.setRecentBlockHash(BLOCKHASH);
        return transaction;
    }

    private static TransactionInstruction theirs(Instruction instruction) {
        return new TransactionInstruction(key(instruction.programId()), instruction.accounts().stream()
                .map(meta -> new org.p2p.solanaj.core.AccountMeta(key(meta.address()), meta.signer(),
                        meta.writable()))
                .toList(), instruction.data());
    }

    private static Instruction ours(TransactionInstruction instruction) {
        return Solanaj.instruction(instruction);
    }

    private static PublicKey key(Address address) {
        return new PublicKey(address.bytes());
    }
}
