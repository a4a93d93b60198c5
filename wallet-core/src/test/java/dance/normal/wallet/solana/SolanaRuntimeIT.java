package dance.normal.wallet.solana;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dance.normal.wallet.keys.Base58;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java-built, Java-signed transactions run in the real Solana runtime (npm litesvm behind the loopback JSON-RPC shim).
 */
class SolanaRuntimeIT {

    private static final long FEE_PER_SIGNATURE = 5_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static LiteSvm svm;
    private static SolanaRpc rpc;

    /** Started by the first test, so that without Node.js every test is reported as skipped, by name. */
    @BeforeEach
    void startRuntime() {
        if (svm == null) {
            svm = LiteSvm.start();
            rpc = svm.rpc();
        }
    }

    @AfterAll
    static void stopRuntime() {
        if (svm != null) {
            svm.close();
            svm = null;
        }
    }

    @Test
    void airdropAndSolTransferMoveExactLamports() {
        TestSigner payer = funded(2 * Instructions.LAMPORTS_PER_SOL);
        Address recipient = TestSigner.random().address();

        SignedTransaction transfer = UnsignedTransaction.build(payer.address(), blockhash(),
                Instructions.transferSol(payer.address(), recipient, 123_456_789)).sign(payer);
        String id = rpc.sendTransaction(transfer);

        assertThat(id).isEqualTo(transfer.id());
        assertThat(rpc.awaitStatus(id, WAIT).succeeded()).isTrue();
        assertThat(rpc.getBalance(recipient)).isEqualTo(123_456_789L);
        assertThat(rpc.getBalance(payer.address()))
                .isEqualTo(2 * Instructions.LAMPORTS_PER_SOL - 123_456_789L - FEE_PER_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
        "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"})
    void mintAssociatedAccountsAndTransferCheckedMoveWholeTokens(String program) {
        Address tokenProgram = Address.of(program);
        TestSigner artist = funded(Instructions.LAMPORTS_PER_SOL);
        TestSigner mint = TestSigner.random();
        Address listener = TestSigner.random().address();
        Address artistTokens = Instructions.associatedTokenAddress(tokenProgram, artist.address(), mint.address());
        Address listenerTokens = Instructions.associatedTokenAddress(tokenProgram, listener, mint.address());

        long rent = rpc.getMinimumBalanceForRentExemption(Instructions.MINT_SIZE);
        SignedTransaction createMint = UnsignedTransaction.build(artist.address(), blockhash(),
                Instructions.createAccount(artist.address(), mint.address(), rent, Instructions.MINT_SIZE,
                        tokenProgram),
                Instructions.initializeMint(tokenProgram, mint.address(), 0, artist.address()),
                Instructions.createAssociatedTokenAccountIdempotent(tokenProgram, artist.address(), artist.address(),
                        mint.address()),
                Instructions.mintTo(tokenProgram, mint.address(), artistTokens, artist.address(), 1_000))
                .sign(mint, artist); // any order: signatures go in the message's signer order
        assertThat(createMint.message().signers()).containsExactly(artist.address(), mint.address());
        confirm(rpc.sendTransaction(createMint));

        assertThat(rpc.getTokenAccountBalance(artistTokens)).isEqualTo(new SolanaRpc.TokenAmount(1_000, 0));

        SignedTransaction sale = UnsignedTransaction.build(artist.address(), blockhash(),
                Instructions.createAssociatedTokenAccountIdempotent(tokenProgram, artist.address(), listener,
                        mint.address()),
                Instructions.createAssociatedTokenAccountIdempotent(tokenProgram, artist.address(), listener,
                        mint.address()), // idempotent: the second does nothing
                Instructions.transferChecked(tokenProgram, artistTokens, mint.address(), listenerTokens,
                        artist.address(), 250, 0),
                Instructions.memo("purchase 42: 250 tokens", artist.address()))
                .sign(artist);
        confirm(rpc.sendTransaction(sale));

        assertThat(rpc.getTokenAccountBalance(artistTokens).amount()).isEqualTo(750);
        assertThat(rpc.getTokenAccountBalance(listenerTokens).amount()).isEqualTo(250);
        SolanaRpc.AccountInfo account = rpc.getAccountInfo(listenerTokens).orElseThrow();
        assertThat(account.owner()).isEqualTo(tokenProgram);
        assertThat(account.data().length).isGreaterThanOrEqualTo(Instructions.TOKEN_ACCOUNT_SIZE);
    }

    @Test
    void transactionWithBadSignatureIsRejectedByTheRuntime() {
        TestSigner payer = funded(Instructions.LAMPORTS_PER_SOL);
        Address recipient = TestSigner.random().address();
        SignedTransaction transfer = UnsignedTransaction.build(payer.address(), blockhash(),
                Instructions.transferSol(payer.address(), recipient, 1_000_000)).sign(payer);
        byte[] wire = transfer.wireBytes();
        wire[1 + 10] ^= 0x01; // one bit of the fee payer's signature

        assertThatThrownBy(() -> rpc.sendTransaction(wire))
                .isInstanceOfSatisfying(SolanaRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(SolanaRpcException.SIGNATURE_VERIFICATION_FAILURE);
                    assertThat(e.transactionError()).contains("\"SignatureFailure\"");
                });
        assertThat(rpc.getBalance(recipient)).isZero();
        assertThat(rpc.getBalance(payer.address())).isEqualTo(Instructions.LAMPORTS_PER_SOL);
    }

    @Test
    void messageChangedAfterSigningIsRejectedByTheRuntime() {
        TestSigner payer = funded(Instructions.LAMPORTS_PER_SOL);
        Address recipient = TestSigner.random().address();
        SignedTransaction transfer = UnsignedTransaction.build(payer.address(), blockhash(),
                Instructions.transferSol(payer.address(), recipient, 1_000_000)).sign(payer);
        byte[] wire = transfer.wireBytes();
        wire[wire.length - 8] ^= 0x01; // the lowest byte of the transfer's lamports, after signing

        assertThatThrownBy(() -> rpc.sendTransaction(wire))
                .isInstanceOfSatisfying(SolanaRpcException.class,
                        e -> assertThat(e.transactionError()).contains("\"SignatureFailure\""));
        assertThat(rpc.getBalance(recipient)).isZero();
    }

    @Test
    void transactionWithExpiredBlockhashIsRejectedByTheRuntime() {
        TestSigner payer = funded(Instructions.LAMPORTS_PER_SOL);
        Address recipient = TestSigner.random().address();
        SignedTransaction stale = UnsignedTransaction.build(payer.address(), blockhash(),
                Instructions.transferSol(payer.address(), recipient, 1_000_000)).sign(payer);

        String fresh = svm.expireBlockhash();

        assertThat(fresh).isNotEqualTo(stale.message().recentBlockhash()).isEqualTo(blockhash());
        assertThatThrownBy(() -> rpc.sendTransaction(stale))
                .isInstanceOfSatisfying(SolanaRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(SolanaRpcException.TRANSACTION_SIMULATION_FAILED);
                    assertThat(e.transactionError()).contains("\"BlockhashNotFound\"");
                });
        assertThat(rpc.getBalance(recipient)).isZero();

        SignedTransaction renewed = UnsignedTransaction.build(payer.address(), fresh,
                Instructions.transferSol(payer.address(), recipient, 1_000_000)).sign(payer);
        confirm(rpc.sendTransaction(renewed));
        assertThat(rpc.getBalance(recipient)).isEqualTo(1_000_000L);
    }

    @Test
    void oversizedTransactionIsRefusedBeforeSending() {
        TestSigner payer = funded(Instructions.LAMPORTS_PER_SOL);
        List<Instruction> memos = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            memos.add(Instructions.memo("play receipt " + i + " " + "x".repeat(90)));
        }
        String blockhash = blockhash();

        assertThatThrownBy(() -> UnsignedTransaction.build(payer.address(), blockhash, memos))
                .isInstanceOfSatisfying(TransactionTooLargeException.class, e -> {
                    assertThat(e.size()).isGreaterThan(SignedTransaction.MAX_SIZE);
                    assertThat(e).hasMessageContaining(e.size() + " bytes").hasMessageContaining("1232");
                });

        // The same transaction signed and assembled by hand: litesvm itself would take it (it does not enforce the
        // packet limit), so only the client's check keeps it from being sent.
        byte[] message = LegacyMessage.compile(payer.address(), blockhash, memos).serialize();
        byte[] signature = payer.sign(message);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(1);
        wire.writeBytes(signature);
        wire.writeBytes(message);
        assertThat(wire.size()).isGreaterThan(SignedTransaction.MAX_SIZE);

        assertThatThrownBy(() -> rpc.sendTransaction(wire.toByteArray()))
                .isInstanceOf(TransactionTooLargeException.class)
                .hasMessageContaining(wire.size() + " bytes");
        String id = Base58.encode(signature);
        assertThat(rpc.getSignatureStatus(id)).isEmpty();
        assertThat(rpc.getBalance(payer.address())).isEqualTo(Instructions.LAMPORTS_PER_SOL);
    }

    @Test
    void failingInstructionIsRefusedInPreflightWithTheRuntimesError() {
        Minted minted = mintWholeTokens(Programs.TOKEN, 10);
        Address listenerTokens = Instructions.associatedTokenAddress(Programs.TOKEN, minted.owner.address(),
                minted.mint);
        SignedTransaction wrongDecimals = UnsignedTransaction.build(minted.owner.address(), blockhash(),
                Instructions.transferChecked(Programs.TOKEN, minted.tokens, minted.mint, listenerTokens,
                        minted.owner.address(), 1, 6)).sign(minted.owner);

        assertThat(rpc.simulateTransaction(wrongDecimals).err()).hasValueSatisfying(
                err -> assertThat(err).startsWith("{\"InstructionError\":[0,"));
        assertThatThrownBy(() -> rpc.sendTransaction(wrongDecimals))
                .isInstanceOfSatisfying(SolanaRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(SolanaRpcException.TRANSACTION_SIMULATION_FAILED);
                    assertThat(e.transactionError()).hasValueSatisfying(
                            err -> assertThat(err).startsWith("{\"InstructionError\":[0,"));
                    assertThat(e.logs()).isNotEmpty();
                });
        assertThat(rpc.getSignatureStatus(wrongDecimals.id())).isEmpty();
    }

    @Test
    void failedTransactionThatLandedShowsItsErrorInTheStatus() {
        Minted minted = mintWholeTokens(Programs.TOKEN, 10);
        SignedTransaction tooMuch = UnsignedTransaction.build(minted.owner.address(), blockhash(),
                Instructions.transferChecked(Programs.TOKEN, minted.tokens, minted.mint, minted.tokens,
                        minted.owner.address(), 11, 0)).sign(minted.owner);
        long before = rpc.getBalance(minted.owner.address());

        // What solanaj's default (skipPreflight=true) does: the node takes the transaction and it fails on chain.
        var config = JsonNodeFactory.instance.objectNode().put("encoding", "base64").put("skipPreflight", true);
        String id = rpc.call("sendTransaction", Base64.getEncoder().encodeToString(tooMuch.wireBytes()), config)
                .asText();

        SolanaRpc.SignatureStatus status = rpc.awaitStatus(id, WAIT);
        assertThat(status.succeeded()).isFalse();
        assertThat(status.err()).hasValue("{\"InstructionError\":[0,{\"Custom\":1}]}"); // InsufficientFunds
        assertThat(rpc.getBalance(minted.owner.address())).isEqualTo(before - FEE_PER_SIGNATURE);
        assertThat(rpc.getTokenAccountBalance(minted.tokens).amount()).isEqualTo(10);
    }

    @Test
    void readsOfMissingAndWrongAccountsAreClear() {
        Address nobody = TestSigner.random().address();
        assertThat(rpc.getAccountInfo(nobody)).isEmpty();
        assertThat(rpc.getBalance(nobody)).isZero();
        assertThat(rpc.getSignatureStatus(Base58.encode(new byte[64]))).isEmpty();
        TestSigner wallet = funded(Instructions.LAMPORTS_PER_SOL);
        assertThatThrownBy(() -> rpc.getTokenAccountBalance(wallet.address()))
                .isInstanceOfSatisfying(SolanaRpcException.class,
                        e -> assertThat(e.code()).isEqualTo(SolanaRpcException.INVALID_PARAMS));
    }

    private record Minted(TestSigner owner, Address mint, Address tokens) {
    }

    private static Minted mintWholeTokens(Address tokenProgram, long amount) {
        TestSigner owner = funded(Instructions.LAMPORTS_PER_SOL);
        TestSigner mint = TestSigner.random();
        Address tokens = Instructions.associatedTokenAddress(tokenProgram, owner.address(), mint.address());
        long rent = rpc.getMinimumBalanceForRentExemption(Instructions.MINT_SIZE);
        confirm(rpc.sendTransaction(UnsignedTransaction.build(owner.address(), blockhash(),
                Instructions.createAccount(owner.address(), mint.address(), rent, Instructions.MINT_SIZE,
                        tokenProgram),
                Instructions.initializeMint(tokenProgram, mint.address(), 0, owner.address()),
                Instructions.createAssociatedTokenAccountIdempotent(tokenProgram, owner.address(), owner.address(),
                        mint.address()),
                Instructions.mintTo(tokenProgram, mint.address(), tokens, owner.address(), amount))
                .sign(owner, mint)));
        return new Minted(owner, mint.address(), tokens);
    }

    private static TestSigner funded(long lamports) {
        TestSigner signer = TestSigner.random();
        confirm(rpc.requestAirdrop(signer.address(), lamports));
        assertThat(rpc.getBalance(signer.address())).isEqualTo(lamports);
        return signer;
    }

    private static void confirm(String id) {
        SolanaRpc.SignatureStatus status = rpc.awaitStatus(id, WAIT);
        assertThat(status.err()).as("transaction %s", id).isEmpty();
    }

    private static String blockhash() {
        return rpc.getLatestBlockhash().blockhash();
    }
}
