package dance.normal.wallet.solana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.Money;
import dance.normal.wallet.Wallet;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.policy.PriceBook;
import dance.normal.wallet.policy.SigningPolicy;
import dance.normal.wallet.policy.SpendingLedger;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a purchase takes in the wallet: a real keystore, the signing policy deciding from the message's
 * bytes, the signature made inside the wallet, and the real Solana runtime accepting the result.
 */
class WalletOnChainIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PriceBook PRICES = new PriceBook(Map.of(), Optional.of(Money.of(150, 0)));

    @TempDir
    Path dir;
    private LiteSvm svm;
    private SolanaRpc rpc;
    private Wallet wallet;
    private SigningPolicy policy;
    private final char[] password = "my account password".toCharArray();

    @BeforeEach
    void setUp() {
        svm = LiteSvm.start();
        rpc = svm.rpc();
        wallet = Wallet.create(dir.resolve("wallet.json"), "Listener", password.clone(),
                new FileDeviceSecretStore(dir.resolve("device-keys")));
        policy = new SigningPolicy(PRICES, new SpendingLedger(dir.resolve("spending.json"), Clock.systemUTC(),
                ZoneOffset.UTC));
        Address me = Address.of(wallet.publicKey());
        assertThat(rpc.awaitStatus(rpc.requestAirdrop(me, 2 * Instructions.LAMPORTS_PER_SOL), WAIT).succeeded())
                .isTrue();
    }

    @AfterEach
    void tearDown() {
        wallet.close();
        svm.close();
    }

    @Test
    void smallPaymentIsSignedWithoutAskingAndLands() {
        Address shop = TestSigner.random().address();

        SignedTransaction signed = wallet.signTransaction(transfer(shop, 10_000_000), policy, null);

        assertThat(rpc.awaitStatus(rpc.sendTransaction(signed), WAIT).succeeded()).isTrue();
        assertThat(rpc.getBalance(shop)).isEqualTo(10_000_000L);
    }

    @Test
    void paymentAboveTheLimitNeedsThePasswordThenLands() {
        Address shop = TestSigner.random().address();
        UnsignedTransaction big = transfer(shop, Instructions.LAMPORTS_PER_SOL);

        assertThatThrownBy(() -> wallet.signTransaction(big, policy, null))
                .isInstanceOf(WalletException.class)
                .satisfies(e -> assertThat(((WalletException) e).kind())
                        .isEqualTo(WalletException.Kind.PASSWORD_REQUIRED))
                .hasMessage("This purchase ($150.00) is above your limit of $20.00 per purchase.");
        assertThatThrownBy(() -> wallet.signTransaction(big, policy, "not my password".toCharArray()))
                .isInstanceOf(WalletException.class)
                .satisfies(e -> assertThat(((WalletException) e).kind())
                        .isEqualTo(WalletException.Kind.WRONG_PASSWORD));

        // The wrong password started a back-off; the right one is accepted once it has passed.
        SignedTransaction signed = awaitBackoff(() -> wallet.signTransaction(big, policy, password.clone()));

        assertThat(rpc.awaitStatus(rpc.sendTransaction(signed), WAIT).succeeded()).isTrue();
        assertThat(rpc.getBalance(shop)).isEqualTo(Instructions.LAMPORTS_PER_SOL);
    }

    @Test
    void instructionOfAnUnknownProgramIsNeverSigned() {
        Address me = Address.of(wallet.publicKey());
        Instruction drain = new Instruction(TestSigner.random().address(), List.of(AccountMeta.writableSigner(me)),
                new byte[] {9});
        UnsignedTransaction tx = UnsignedTransaction.build(me, blockhash(), drain);

        assertThatThrownBy(() -> wallet.signTransaction(tx, policy, password.clone()))
                .isInstanceOf(WalletException.class)
                .satisfies(e -> assertThat(((WalletException) e).kind())
                        .isEqualTo(WalletException.Kind.POLICY_REFUSED));
    }

    private UnsignedTransaction transfer(Address to, long lamports) {
        Address me = Address.of(wallet.publicKey());
        return UnsignedTransaction.build(me, blockhash(), Instructions.transferSol(me, to, lamports));
    }

    private String blockhash() {
        return rpc.getLatestBlockhash().blockhash();
    }

    private static <T> T awaitBackoff(java.util.function.Supplier<T> attempt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (WalletException e) {
                if (e.kind() != WalletException.Kind.TOO_MANY_ATTEMPTS || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(e.retryAfter().map(Duration::toMillis).orElse(200L) + 50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
