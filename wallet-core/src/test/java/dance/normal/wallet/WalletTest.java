package dance.normal.wallet;

import static dance.normal.wallet.SecretLeakExtension.expectFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.Money;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.keys.Signer;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.keys.SolanaKeys;
import dance.normal.wallet.keystore.Argon2Params;
import dance.normal.wallet.keystore.KeystoreFile;
import dance.normal.wallet.mnemonic.Mnemonic;
import dance.normal.wallet.policy.PriceBook;
import dance.normal.wallet.policy.SigningPolicy;
import dance.normal.wallet.policy.SpendingLedger;
import dance.normal.wallet.policy.SpendingLimits;
import dance.normal.wallet.unlock.AuditLog;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import dance.normal.wallet.unlock.PasswordBackoff;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SecretLeakExtension.class)
class WalletTest {

    static final Argon2Params FAST = new Argon2Params(64, 1, 1);
    static final String PHANTOM_PHRASE = "abandon abandon abandon abandon abandon abandon abandon abandon abandon "
            + "abandon abandon about";

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Wallet.Settings settings;
    private FileDeviceSecretStore store;
    private Path file;
    private final char[] password = "listen to the music".toCharArray();

    @BeforeEach
    void setUp() {
        settings = new Wallet.Settings(FAST, FAST, clock, new SecureRandom());
        store = new FileDeviceSecretStore(dir.resolve("device-keys"));
        file = dir.resolve("wallet.json");
    }

    /** A random phrase registered with the leak check. */
    private static char[] testPhrase(int... accounts) {
        char[] phrase = Mnemonic.generate(new SecureRandom());
        SecretLeakExtension.watchPhrase("test wallet", phrase, accounts);
        return phrase;
    }

    private Wallet create() {
        Wallet wallet = Wallet.create(file, "Main", password, store, settings);
        char[] phrase = wallet.exportRecoveryPhrase(password);
        SecretLeakExtension.watchPhrase("created wallet", phrase, 0);
        return wallet;
    }

    @Test
    void createThenOpenGivesTheSameAddress() {
        String address;
        try (Wallet created = create()) {
            address = created.address();
            assertThat(Base58.decode(address)).isEqualTo(created.publicKey());
            assertThat(created.name()).isEqualTo("Main");
            assertThat(created.account()).isZero();
            assertThat(created.derivationPath()).isEqualTo("m/44'/501'/0'/0'");
        }
        try (Wallet opened = Wallet.open(file, store, settings)) {
            assertThat(opened.address()).isEqualTo(address);
            assertThat(opened.name()).isEqualTo("Main");
        }
    }

    @Test
    void createdPhraseIsTwentyFourWordsAndReimportsToTheSameAddress() {
        try (Wallet created = create()) {
            char[] phrase = created.exportRecoveryPhrase(password);
            assertThat(Mnemonic.wordCount(phrase)).isEqualTo(24);
            try (Wallet imported = Wallet.importPhrase(dir.resolve("again.json"), phrase, 0, "Again", password,
                    store, settings)) {
                assertThat(imported.address()).isEqualTo(created.address());
            }
        }
    }

    @Test
    void importAtAccountsZeroOneAndSevenMatchesDirectDerivation() {
        char[] phrase = testPhrase(0, 1, 7);
        for (int account : new int[] {0, 1, 7}) {
            Path path = dir.resolve("account-" + account + ".json");
            String expected;
            try (SoftwareSigner direct = SolanaKeys.signerFromPhrase(phrase, account)) {
                expected = Base58.encode(direct.publicKey());
            }
            try (Wallet imported = Wallet.importPhrase(path, phrase, account, "Acct " + account, password, store,
                    settings)) {
                assertThat(imported.address()).isEqualTo(expected);
                assertThat(imported.account()).isEqualTo(account);
            }
            try (Wallet reopened = Wallet.open(path, store, settings)) {
                assertThat(reopened.address()).isEqualTo(expected);
                assertThat(reopened.account()).isEqualTo(account);
            }
        }
    }

    @Test
    void phantomPhraseImportsToThePhantomAddress() {
        try (Wallet wallet = Wallet.importPhrase(file, PHANTOM_PHRASE.toCharArray(), 0, "Phantom", password, store,
                settings)) {
            assertThat(wallet.address()).isEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk");
        }
    }

    @Test
    void badPhraseIsRefusedWithTheReasonAndNoFileIsWritten() {
        WalletException e = expectFailure(Kind.INVALID_PHRASE, () -> Wallet.importPhrase(file,
                PHANTOM_PHRASE.replace("about", "abandon").toCharArray(), 0, "x", password, store, settings));
        assertThat(e.getMessage()).contains("checksum");
        expectFailure(Kind.INVALID_PHRASE, () -> Wallet.importPhrase(file, "abandon about".toCharArray(), 0, "x",
                password, store, settings));
        assertThat(file).doesNotExist();
        expectFailure(Kind.INVALID_ARGUMENT, () -> Wallet.importPhrase(file, PHANTOM_PHRASE.toCharArray(), -1, "x",
                password, store, settings));
        expectFailure(Kind.INVALID_ARGUMENT, () -> Wallet.create(file, "x", new char[0], store, settings));
        expectFailure(Kind.INVALID_ARGUMENT, () -> Wallet.create(file, " ", password, store, settings));
    }

    @Test
    void signaturesVerifyAgainstTheAddress() {
        try (Wallet wallet = create()) {
            byte[] message = "purchase intent: 3 tokens of track 42".getBytes(StandardCharsets.UTF_8);
            assertThat(Signatures.verify(Base58.decode(wallet.address()), message, wallet.sign(message))).isTrue();
            Signer view = wallet.signer();
            assertThat(view.publicKey()).isEqualTo(wallet.publicKey());
            assertThat(Signatures.verify(view.publicKey(), message, view.sign(message))).isTrue();
            view.close();
            assertThat(Signatures.verify(view.publicKey(), message, view.sign(message))).isTrue();
        }
    }

    @Test
    void closeZeroesTheKeyAndLocksTheWallet() throws Exception {
        Wallet wallet = create();
        Signer view = wallet.signer();
        SoftwareSigner signer = wallet.signerForTest();
        Field seedField = SoftwareSigner.class.getDeclaredField("seed");
        seedField.setAccessible(true);
        byte[] seed = (byte[]) seedField.get(signer);
        assertThat(seed).isNotEqualTo(new byte[32]);
        wallet.close();
        assertThat(seed).isEqualTo(new byte[32]);
        assertThat(wallet.isClosed()).isTrue();
        expectFailure(Kind.LOCKED, () -> wallet.sign(new byte[1]));
        expectFailure(Kind.LOCKED, () -> wallet.exportRecoveryPhrase(password));
        expectFailure(Kind.LOCKED, () -> wallet.verifyPassword(password));
        assertThatThrownBy(() -> view.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThat(wallet.toString()).contains(wallet.address()).contains("closed");
    }

    @Test
    void toStringsShowNoSecret() {
        try (Wallet wallet = create()) {
            String text = wallet + " " + wallet.signer();
            assertThat(text).contains(wallet.address());
            assertThat(SecretLeakExtension.leaksIn(text)).isEmpty();
            System.out.println(text);
        }
    }

    @Test
    void verifyPasswordAcceptsTheRightOneOnly() {
        try (Wallet wallet = create()) {
            wallet.verifyPassword(password);
            WalletException wrong = expectFailure(Kind.WRONG_PASSWORD,
                    () -> wallet.verifyPassword("guess".toCharArray()));
            assertThat(wrong.retryAfter()).hasValue(Duration.ofSeconds(1));
            assertThat(wrong.getMessage()).doesNotContain("guess");
        }
    }

    @Test
    void wrongPasswordsBackOffExponentiallyAcrossARestart() {
        String address;
        try (Wallet wallet = create()) {
            address = wallet.address();
            expectFailure(Kind.WRONG_PASSWORD, () -> wallet.exportRecoveryPhrase("one".toCharArray()));
            WalletException waiting = expectFailure(Kind.TOO_MANY_ATTEMPTS,
                    () -> wallet.exportRecoveryPhrase(password));
            assertThat(waiting.retryAfter()).hasValue(Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            WalletException second = expectFailure(Kind.WRONG_PASSWORD,
                    () -> wallet.exportRecoveryPhrase("two".toCharArray()));
            assertThat(second.retryAfter()).hasValue(Duration.ofSeconds(2));
        }
        // A restart: a new handle on the same file still waits.
        try (Wallet reopened = Wallet.open(file, store, settings)) {
            assertThat(reopened.address()).isEqualTo(address);
            WalletException waiting = expectFailure(Kind.TOO_MANY_ATTEMPTS,
                    () -> reopened.exportRecoveryPhrase(password));
            assertThat(waiting.retryAfter()).hasValue(Duration.ofSeconds(2));
            expectFailure(Kind.TOO_MANY_ATTEMPTS, () -> reopened.verifyPassword(password));
            clock.advance(Duration.ofSeconds(2));
            WalletException third = expectFailure(Kind.WRONG_PASSWORD,
                    () -> reopened.verifyPassword("three".toCharArray()));
            assertThat(third.retryAfter()).hasValue(Duration.ofSeconds(4));
            clock.advance(Duration.ofSeconds(4));
            char[] phrase = reopened.exportRecoveryPhrase(password);
            assertThat(Mnemonic.wordCount(phrase)).isEqualTo(24);
            // Success starts over: the next wrong password waits 1 s again.
            WalletException fresh = expectFailure(Kind.WRONG_PASSWORD,
                    () -> reopened.verifyPassword("four".toCharArray()));
            assertThat(fresh.retryAfter()).hasValue(Duration.ofSeconds(1));
        }
        assertThat(PasswordBackoff.stateFileOf(file)).exists();
    }

    @Test
    void everyExportAttemptIsAuditedWithoutSecrets() throws Exception {
        try (Wallet wallet = Wallet.create(file, "Main", password, store, settings)) {
            char[] phrase = wallet.exportRecoveryPhrase(password);
            SecretLeakExtension.watchPhrase("audited wallet", phrase, 0);
            expectFailure(Kind.WRONG_PASSWORD, () -> wallet.exportRecoveryPhrase("hunter2".toCharArray()));
            expectFailure(Kind.TOO_MANY_ATTEMPTS, () -> wallet.exportRecoveryPhrase(password));
            clock.advance(Duration.ofSeconds(1));
            wallet.exportRecoveryPhrase(password);
        }
        Path log = AuditLog.fileOf(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("2026-03-01T12:00:00Z\texport-recovery-phrase\tsuccess");
        assertThat(lines.get(1)).isEqualTo(
                "2026-03-01T12:00:00Z\texport-recovery-phrase\twrong-password next-attempt-in 1s");
        assertThat(lines.get(2)).isEqualTo(
                "2026-03-01T12:00:00Z\texport-recovery-phrase\trefused backing-off 1s");
        assertThat(lines.get(3)).isEqualTo("2026-03-01T12:00:01Z\texport-recovery-phrase\tsuccess");
        String text = String.join("\n", lines);
        assertThat(text).doesNotContain("hunter2").doesNotContain(new String(password));
        assertThat(SecretLeakExtension.leaksIn(text)).isEmpty();
    }

    @Test
    void openNeverCreatesAWallet() throws Exception {
        expectFailure(Kind.NOT_FOUND, () -> Wallet.open(file, store, settings));
        assertThat(file).doesNotExist();
        Files.writeString(file, "{\"format\":\"normal-dance-wallet-keystore\",\"version\":1,");
        expectFailure(Kind.UNREADABLE, () -> Wallet.open(file, store, settings));
        expectFailure(Kind.ALREADY_EXISTS, () -> Wallet.create(file, "New", password, store, settings));
        assertThat(Files.readString(file)).isEqualTo("{\"format\":\"normal-dance-wallet-keystore\",\"version\":1,");
    }

    @Test
    void tamperedKeystoreIsReportedAsTampered() throws Exception {
        try (Wallet wallet = create()) {
            assertThat(wallet.address()).isNotEmpty();
        }
        String text = Files.readString(file);
        String publicKey = text.replaceAll("(?s).*\"publicKey\" : \"([^\"]+)\".*", "$1");
        byte[] key = Base58.decode(publicKey);
        key[0] ^= 1;
        Files.writeString(file, text.replace(publicKey, Base58.encode(key)));
        expectFailure(Kind.TAMPERED, () -> Wallet.open(file, store, settings));
    }

    @Test
    void wrongDeviceSecretGivesAClearError() throws Exception {
        try (Wallet wallet = create()) {
            String walletId = KeystoreFile.read(file).walletId();
            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            store.store(walletId, other);
            assertThat(wallet.address()).isNotEmpty();
        }
        WalletException e = expectFailure(Kind.WRONG_DEVICE_SECRET, () -> Wallet.open(file, store, settings));
        assertThat(e.getMessage()).contains("account password");
    }

    @Test
    void missingDeviceSecretRecoversWithThePasswordAndUnlocksInvisiblyAfter() {
        String address;
        try (Wallet wallet = create()) {
            address = wallet.address();
        }
        FileDeviceSecretStore newDevice = new FileDeviceSecretStore(dir.resolve("new-device-keys"));
        expectFailure(Kind.NO_DEVICE_SECRET, () -> Wallet.open(file, newDevice, settings));
        expectFailure(Kind.WRONG_PASSWORD, () -> Wallet.openWithPassword(file, "nope".toCharArray(), newDevice,
                settings));
        clock.advance(Duration.ofSeconds(1));
        try (Wallet recovered = Wallet.openWithPassword(file, password, newDevice, settings)) {
            assertThat(recovered.address()).isEqualTo(address);
        }
        try (Wallet opened = Wallet.open(file, newDevice, settings)) {
            assertThat(opened.address()).isEqualTo(address);
        }
        expectFailure(Kind.WRONG_DEVICE_SECRET, () -> Wallet.open(file, store, settings));
        assertThat(KeystoreFile.backupOf(file)).exists();
    }

    @Test
    void changePasswordKeepsThePreviousVersionAsBak() throws Exception {
        char[] next = "a brand new password".toCharArray();
        try (Wallet wallet = create()) {
            byte[] before = Files.readAllBytes(file);
            wallet.changePassword(password, next);
            assertThat(Files.readAllBytes(KeystoreFile.backupOf(file))).isEqualTo(before);
            wallet.verifyPassword(next);
            expectFailure(Kind.WRONG_PASSWORD, () -> wallet.verifyPassword(password));
        }
        clock.advance(Duration.ofSeconds(1));
        // The backup is the previous version, so it still opens with the previous password.
        try (var secret = KeystoreFile.read(KeystoreFile.backupOf(file)).unlockWithPassword(password)) {
            assertThat(secret.name()).isEqualTo("Main");
        }
        try (Wallet reopened = Wallet.open(file, store, settings)) {
            reopened.verifyPassword(next);
        }
    }

    @Test
    void threadsOpeningAndRewritingTheSameKeystoreDoNotCorruptIt() throws Exception {
        String address;
        try (Wallet wallet = create()) {
            address = wallet.address();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        try (Wallet wallet = Wallet.open(file, store, settings)) {
                            wallet.changePassword(password, password);
                            if (!wallet.address().equals(address)) {
                                return "address changed";
                            }
                        }
                    }
                    return "ok";
                }));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("ok");
            }
        }
        try (Wallet wallet = Wallet.open(file, store, settings)) {
            assertThat(wallet.address()).isEqualTo(address);
            wallet.verifyPassword(password);
        }
        KeystoreFile.read(KeystoreFile.backupOf(file)).unlockWithPassword(password).close();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
    @Test
    void aSpendWithinTheLimitsSignsAtOnceAboveThemOnlyWithTheRightPassword() {
        SigningPolicy policy = new SigningPolicy(PriceBook.empty(), new SpendingLedger(dir.resolve("spending.json"),
                clock, ZoneOffset.UTC));
        assertThat(policy.limits()).isEqualTo(SpendingLimits.DEFAULT); // $20 a purchase, $50 a day
        byte[] small = "Pay $0.50".getBytes(StandardCharsets.UTF_8);
        byte[] big = "Pay $25.00".getBytes(StandardCharsets.UTF_8);
        try (Wallet wallet = create()) {
            byte[] signature = wallet.signSpending(small, Money.ofMicros(500_000), policy, null);
            assertThat(Signatures.verify(wallet.publicKey(), small, signature)).isTrue();

            WalletException asked = expectFailure(Kind.PASSWORD_REQUIRED, () -> wallet.signSpending(big,
                    Money.of(25, 0), policy, null));
            assertThat(asked.getMessage()).isEqualTo("This purchase ($25.00) is above your limit of $20.00 per "
                    + "purchase.");
            expectFailure(Kind.WRONG_PASSWORD, () -> wallet.signSpending(big, Money.of(25, 0), policy,
                    "not my password".toCharArray()));
            clock.advance(Duration.ofSeconds(1)); // the back-off after one wrong password
            byte[] confirmed = wallet.signSpending(big, Money.of(25, 0), policy, password.clone());
            assertThat(Signatures.verify(wallet.publicKey(), big, confirmed)).isTrue();

            // $25.50 spent today: $20 more still fits the $50 a day, $5 after that does not.
            wallet.signSpending(small, Money.of(20, 0), policy, null);
            WalletException daily = expectFailure(Kind.PASSWORD_REQUIRED, () -> wallet.signSpending(small,
                    Money.of(5, 0), policy, null));
            assertThat(daily.getMessage()).isEqualTo("With this purchase you would spend $50.50 today, above your "
                    + "daily limit of $50.00.");
            expectFailure(Kind.POLICY_REFUSED, () -> wallet.signSpending(small, Money.ofMicros(-1), policy, null));
        }
    }
}
