package dance.normal.wallet.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.Money;
import dance.normal.wallet.solana.AccountMeta;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.Instruction;
import dance.normal.wallet.solana.Instructions;
import dance.normal.wallet.solana.LegacyMessage;
import dance.normal.wallet.solana.Programs;
import dance.normal.wallet.solana.TransactionDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningPolicyTest {

    private static final String BLOCKHASH = "EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k";
    private static final ZoneId UTC = ZoneOffset.UTC;

    private final Address owner = randomAddress();
    private final Address trackMint = randomAddress();
    private final Address treasury = randomAddress();
    private final PriceBook prices = new PriceBook(
            Map.of(trackMint, new PriceBook.TokenQuote("tokens of \u201cNight Drive\u201d", 0, Money.of(2, 50))),
            Optional.of(Money.of(150, 0)));

    @TempDir
    Path dir;

    @Test
    void smallPurchaseIsExplainedInPlainWordsAndDollarsAndSignedWithoutAsking() {
        SigningPolicy policy = new SigningPolicy(prices, ledger(Clock.systemUTC()));

        SigningPolicy.Review review = policy.review(decode(buy(3)), owner);

        assertThat(review.decision()).isInstanceOf(SigningDecision.Allow.class);
        assertThat(review.preview().value()).hasValue(Money.of(7, 50));
        assertThat(review.preview().text())
                .contains("Send 3 tokens of \u201cNight Drive\u201d ($7.50) to token account")
                .contains("Open a token account for " + owner.toBase58())
                .contains("Note: \u201cNormal Dance purchase 42\u201d")
                .contains("Network fee: 5000 lamports ($0.00075)");
    }

    @Test
    void purchaseAboveThePerPurchaseLimitNeedsThePassword() {
        SigningPolicy policy = new SigningPolicy(prices, ledger(Clock.systemUTC()));

        SigningDecision decision = policy.review(decode(buy(9)), owner).decision();

        assertThat(decision).isEqualTo(new SigningDecision.NeedsPassword(
                "This purchase ($22.50) is above your limit of $20.00 per purchase."));
    }

    @Test
    void dailyLimitCountsWhatWasSignedEarlierTodayAndSurvivesARestart() {
        Clock morning = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), UTC);
        SigningPolicy policy = new SigningPolicy(prices, ledger(morning));
        for (int i = 0; i < 2; i++) {
            SigningPolicy.Review review = policy.review(decode(buy(8)), owner);
            assertThat(review.decision()).isInstanceOf(SigningDecision.Allow.class);
            policy.signed(review.preview());
        }

        SigningPolicy afterRestart = new SigningPolicy(prices, ledger(morning));
        assertThat(afterRestart.review(decode(buy(8)), owner).decision())
                .isEqualTo(new SigningDecision.NeedsPassword(
                        "With this purchase you would spend $60.00 today, above your daily limit of $50.00."));

        Clock tomorrow = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), UTC);
        assertThat(new SigningPolicy(prices, ledger(tomorrow)).review(decode(buy(8)), owner).decision())
                .isInstanceOf(SigningDecision.Allow.class);
    }

    @Test
    void limitsAreTheListenersOwnAndPersist() {
        SpendingLedger ledger = ledger(Clock.systemUTC());
        ledger.setLimits(new SpendingLimits(Money.of(5, 0), Money.of(10, 0)));

        SigningPolicy policy = new SigningPolicy(prices, ledger(Clock.systemUTC()));

        assertThat(policy.review(decode(buy(3)), owner).decision())
                .isInstanceOf(SigningDecision.NeedsPassword.class);
        assertThat(policy.review(decode(buy(2)), owner).decision()).isInstanceOf(SigningDecision.Allow.class);
    }

    @Test
    void damagedSpendingFileNeverLiftsTheLimits() throws Exception {
        Files.writeString(dir.resolve("spending.json"), "{\"perPurchaseMicros\": 999999999999, \"day\": ");

        SigningPolicy policy = new SigningPolicy(prices, ledger(Clock.systemUTC()));

        assertThat(policy.review(decode(buy(1)), owner).decision())
                .isInstanceOf(SigningDecision.NeedsPassword.class);
    }

    @Test
    void unknownProgramIsRefusedWithItsAddress() {
        Address unknown = randomAddress();
        Instruction ix = new Instruction(unknown, List.of(AccountMeta.writableSigner(owner)), new byte[] {1, 2});

        SigningDecision decision = policy().review(decode(List.of(ix)), owner).decision();

        assertThat(decision).isEqualTo(new SigningDecision.Refuse("This transaction calls a program Normal Dance "
                + "does not know (" + unknown.toBase58() + "), so it will not be signed."));
    }

    @Test
    void handingControlOfTokensToSomeoneElseIsRefused() {
        Address tokenAccount = randomAddress();
        byte[] approve = {4, 100, 0, 0, 0, 0, 0, 0, 0};
        Instruction ix = new Instruction(Programs.TOKEN, List.of(AccountMeta.writable(tokenAccount),
                AccountMeta.readonly(randomAddress()), AccountMeta.readonlySigner(owner)), approve);

        SigningDecision decision = policy().review(decode(List.of(ix)), owner).decision();

        assertThat(decision).isInstanceOf(SigningDecision.Refuse.class);
        assertThat(((SigningDecision.Refuse) decision).reason()).contains("handing control of tokens");
    }

    @Test
    void truncatedInstructionDataIsRefusedNotMisread() {
        Instruction ix = new Instruction(Programs.SYSTEM, List.of(AccountMeta.writableSigner(owner),
                AccountMeta.writable(treasury)), new byte[] {2, 0, 0, 0, 1, 2});

        assertThat(policy().review(decode(List.of(ix)), owner).decision())
                .isEqualTo(new SigningDecision.Refuse("This transaction has an instruction whose data is cut short."));
    }

    @Test
    void tokenOfUnknownValueNeedsThePassword() {
        Address otherMint = randomAddress();
        Instruction ix = Instructions.transferChecked(Programs.TOKEN, randomAddress(), otherMint, randomAddress(),
                owner, 1, 0);

        SigningPolicy.Review review = policy().review(decode(List.of(ix)), owner);

        assertThat(review.decision()).isEqualTo(
                new SigningDecision.NeedsPassword("This sends something whose dollar value is unknown."));
        assertThat(review.preview().text()).contains("Send 1 of token " + otherMint.toBase58());
    }

    @Test
    void solTransferIsValuedAtTheSolPriceWithoutFloatingPoint() {
        Instruction ix = Instructions.transferSol(owner, treasury, 1_234_567_891L);

        SigningPolicy.Review review = policy().review(decode(List.of(ix)), owner);

        assertThat(review.preview().text()).contains("Send 1.234567891 SOL ($185.185184) to " + treasury.toBase58());
        assertThat(review.decision()).isInstanceOf(SigningDecision.NeedsPassword.class);
    }

    @Test
    void wrongDecimalsForAKnownTokenAreRefused() {
        Instruction ix = Instructions.transferChecked(Programs.TOKEN, randomAddress(), trackMint, randomAddress(),
                owner, 1, 6);

        assertThat(policy().review(decode(List.of(ix)), owner).decision())
                .isInstanceOf(SigningDecision.Refuse.class);
    }

    private SigningPolicy policy() {
        return new SigningPolicy(prices, ledger(Clock.systemUTC()));
    }

    private SpendingLedger ledger(Clock clock) {
        return new SpendingLedger(dir.resolve("spending.json"), clock, UTC);
    }

    private List<Instruction> buy(long tokens) {
        Address source = Instructions.associatedTokenAddress(Programs.TOKEN, owner, trackMint);
        Address destination = Instructions.associatedTokenAddress(Programs.TOKEN, treasury, trackMint);
        return List.of(
                Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN, owner, owner, trackMint),
                Instructions.transferChecked(Programs.TOKEN, source, trackMint, destination, owner, tokens, 0),
                Instructions.memo("Normal Dance purchase 42", owner));
    }

    /** Policy sees what the bytes say: build, serialise, then decode as the wallet would. */
    private LegacyMessage decode(List<Instruction> instructions) {
        byte[] bytes = LegacyMessage.compile(owner, BLOCKHASH, instructions).serialize();
        return TransactionDecoder.decodeMessage(bytes);
    }

    private static Address randomAddress() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Address.of(b);
    }
}
