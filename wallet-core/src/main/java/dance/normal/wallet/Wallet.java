package dance.normal.wallet;

import dance.normal.protocol.Money;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.secrets.Secrets;
import dance.normal.wallet.keys.Signer;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.keys.SolanaKeys;
import dance.normal.wallet.keystore.Argon2Params;
import dance.normal.wallet.keystore.KeystoreFile;
import dance.normal.wallet.keystore.WalletSecret;
import dance.normal.wallet.policy.SigningDecision;
import dance.normal.wallet.policy.SigningPolicy;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.SignedTransaction;
import dance.normal.wallet.solana.UnsignedTransaction;
import dance.normal.wallet.unlock.AuditLog;
import dance.normal.wallet.unlock.DeviceSecretStore;
import dance.normal.wallet.unlock.PasswordBackoff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unlocked wallet, HSM-style: it signs with its key and never hands the key out. No method returns the private
 * key or the seed; the recovery phrase comes out only through {@link #exportRecoveryPhrase(char[])}, which needs the
 * account password, backs off after wrong passwords and is written to the audit log.
 *
 * <p>Unlocking is invisible: {@link #open} uses the device secret from the OS keychain or the device key file, so
 * playing and small purchases never ask for anything. The account password is asked again only for sensitive acts
 * ({@link #verifyPassword}, {@link #exportRecoveryPhrase}, {@link #changePassword}) and to recover on a device
 * without the device secret ({@link #openWithPassword}). See docs/decisions/0007-wallet-unlock.md.
 *
 * <p>Passwords and phrases are passed as {@code char[]}; this class never keeps them, and the caller zeroes its
 * arrays when done. Creating, opening and password checks run Argon2 for a few hundred milliseconds: call them off
 * the UI thread. The handle is safe for concurrent use; {@link #close()} zeroes the key.
 */
public final class Wallet implements AutoCloseable {

    static final String ACT_EXPORT = "export-recovery-phrase";
    static final String ACT_VERIFY = "verify-password";
    static final String ACT_CHANGE = "change-password";
    static final String ACT_RECOVER = "unlock-with-password";

    private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);
    private static final int MAX_NAME_BYTES = WalletSecret.MAX_NAME_BYTES;

    /** Costs, clock and randomness; tests lower the Argon2 costs and drive the clock. */
    record Settings(Argon2Params deviceParams, Argon2Params passwordParams, Clock clock, SecureRandom random) {

        static Settings production() {
            return new Settings(Argon2Params.PRODUCTION, Argon2Params.PRODUCTION, Clock.systemUTC(),
                    new SecureRandom());
        }
    }

    private final Path file;
    private final Settings settings;
    private final SoftwareSigner signer;
    private final byte[] publicKey;
    private final String address;
    private final String name;
    private final int account;
    private final PasswordBackoff backoff;
    private final AuditLog audit;
    private final Signer view = new SignerView();
    private volatile KeystoreFile keystore;
    private volatile boolean closed;

    private Wallet(KeystoreFile keystore, WalletSecret secret, Settings settings) {
        this.file = keystore.path();
        this.settings = settings;
        this.keystore = keystore;
        this.signer = secret.signer();
        this.publicKey = signer.publicKey();
        this.address = Base58.encode(publicKey);
        this.name = secret.name();
        this.account = secret.account();
        this.backoff = new PasswordBackoff(file, settings.clock());
        this.audit = new AuditLog(file, settings.clock());
    }

    // ---- making and opening ----

    /**
     * A new wallet with a fresh 24-word recovery phrase, sealed into a new keystore at {@code file} for the device
     * secret (stored in {@code store}) and for {@code password}.
     *
     * @throws WalletException {@link Kind#ALREADY_EXISTS} when a file is already there, {@link Kind#INVALID_ARGUMENT}
     */
    public static Wallet create(Path file, String name, char[] password, DeviceSecretStore store) {
        return create(file, name, password, store, Settings.production());
    }

    static Wallet create(Path file, String name, char[] password, DeviceSecretStore store, Settings settings) {
        byte[] entropy = new byte[32];
        try {
            settings.random().nextBytes(entropy);
            try (WalletSecret secret = newSecret(entropy, name, 0)) {
                return seal(file, secret, password, store, settings, "Created");
            }
        } finally {
            Secrets.wipe(entropy);
        }
    }

    /**
     * A wallet from an existing recovery phrase (12 to 24 words) at account index {@code account}, the address
     * Phantom shows for m/44'/501'/{account}'/0'.
     *
     * @throws WalletException {@link Kind#INVALID_PHRASE} naming what is wrong with the phrase,
     *                         {@link Kind#ALREADY_EXISTS}, {@link Kind#INVALID_ARGUMENT}
     */
    public static Wallet importPhrase(Path file, char[] phrase, int account, String name, char[] password,
                                      DeviceSecretStore store) {
        return importPhrase(file, phrase, account, name, password, store, Settings.production());
    }

    static Wallet importPhrase(Path file, char[] phrase, int account, String name, char[] password,
                               DeviceSecretStore store, Settings settings) {
        checkAccount(account);
        checkName(name);
        try (WalletSecret secret = WalletSecret.fromPhrase(phrase, name, account)) {
            return seal(file, secret, password, store, settings, "Imported");
        }
    }

    /**
     * Opens the wallet at {@code file} with this device's device secret, asking nothing of the person.
     *
     * @throws WalletException {@link Kind#NOT_FOUND}, {@link Kind#UNREADABLE}, {@link Kind#UNSUPPORTED_VERSION},
     *                         {@link Kind#TAMPERED}, {@link Kind#NO_DEVICE_SECRET}, {@link Kind#WRONG_DEVICE_SECRET},
     *                         {@link Kind#DEVICE_SECRET_INSECURE}; a missing or damaged file is never replaced
     */
    public static Wallet open(Path file, DeviceSecretStore store) {
        return open(file, store, Settings.production());
    }

    static Wallet open(Path file, DeviceSecretStore store, Settings settings) {
        KeystoreFile keystore = KeystoreFile.read(file);
        Optional<byte[]> deviceSecret = store.load(keystore.walletId());
        if (deviceSecret.isEmpty()) {
            throw new WalletException(Kind.NO_DEVICE_SECRET, "This device holds no device secret for the wallet at "
                    + file + "; unlock it with the account password");
        }
        byte[] secretBytes = deviceSecret.get();
        try (WalletSecret secret = keystore.unlockWithDeviceSecret(secretBytes)) {
            Wallet wallet = new Wallet(keystore, secret, settings);
            LOG.info("Opened wallet {} from {}", wallet.address, file.getFileName());
            return wallet;
        } finally {
            Secrets.wipe(secretBytes);
        }
    }

    /**
     * Opens the wallet with the account password, for a device that has no device secret for it (a new computer, a
     * reset keychain, a replaced key file), and re-seals the keystore for a new device secret in {@code store} so the
     * next {@link #open} is invisible again. Wrong passwords back off and every attempt is audited.
     */
    public static Wallet openWithPassword(Path file, char[] password, DeviceSecretStore store) {
        return openWithPassword(file, password, store, Settings.production());
    }

    static Wallet openWithPassword(Path file, char[] password, DeviceSecretStore store, Settings settings) {
        KeystoreFile keystore = KeystoreFile.read(file);
        PasswordBackoff backoff = new PasswordBackoff(file, settings.clock());
        AuditLog audit = new AuditLog(file, settings.clock());
        KeystoreFile[] resealed = new KeystoreFile[1];
        WalletSecret secret = PasswordAttempts.guarded(file, backoff, audit, ACT_RECOVER, () -> {
            WalletSecret unlocked = keystore.unlockWithPassword(password);
            byte[] deviceSecret = DeviceSecretStore.newSecret(settings.random());
            try {
                store.store(keystore.walletId(), deviceSecret);
                resealed[0] = keystore.resealDevice(password, deviceSecret, settings.deviceParams(),
                        settings.random());
                return unlocked;
            } catch (RuntimeException e) {
                unlocked.close();
                throw e;
            } finally {
                Secrets.wipe(deviceSecret);
            }
        }, WalletSecret::close);
        try (secret) {
            Wallet wallet = new Wallet(resealed[0], secret, settings);
            LOG.info("Opened wallet {} with the password and re-sealed it for {}", wallet.address, store.describe());
            return wallet;
        }
    }

    private static Wallet seal(Path file, WalletSecret secret, char[] password, DeviceSecretStore store,
                               Settings settings, String verb) {
        if (password == null || password.length == 0) {
            throw new WalletException(Kind.INVALID_ARGUMENT, "The password is empty");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new WalletException(Kind.ALREADY_EXISTS, "A keystore already exists at " + file
                    + "; it is never overwritten (open it, or choose another file)");
        }
        String walletId = KeystoreFile.newWalletId();
        byte[] deviceSecret = DeviceSecretStore.newSecret(settings.random());
        try {
            store.store(walletId, deviceSecret);
            KeystoreFile keystore;
            try {
                keystore = KeystoreFile.create(file, walletId, secret, deviceSecret, password,
                        settings.deviceParams(), settings.passwordParams(), settings.random());
            } catch (RuntimeException e) {
                forgetQuietly(store, walletId);
                throw e;
            }
            Wallet wallet = new Wallet(keystore, secret, settings);
            LOG.info("{} wallet {} in {}", verb, wallet.address, file.getFileName());
            return wallet;
        } finally {
            Secrets.wipe(deviceSecret);
        }
    }

    private static WalletSecret newSecret(byte[] entropy, String name, int account) {
        checkName(name);
        return new WalletSecret(entropy, name, account);
    }

    // ---- what a handle does ----

    /** The 32-byte Ed25519 public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The Solana address: the public key in base58. */
    public String address() {
        return address;
    }

    public String name() {
        return name;
    }

    /** The account index in m/44'/501'/{account}'/0'. */
    public int account() {
        return account;
    }

    /** The derivation path, for display: {@code m/44'/501'/0'/0'}. */
    public String derivationPath() {
        return SolanaKeys.derivationPath(account);
    }

    public Path file() {
        return file;
    }

    /**
     * A {@link Signer} over this wallet's key for transaction code. It signs until the wallet is closed; closing the
     * view does nothing, because the wallet owns the key.
     */
    public Signer signer() {
        return view;
    }

    /** A 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        checkOpen();
        try {
            return signer.sign(message);
        } catch (IllegalStateException e) {
            throw closedException();
        }
    }

    /**
     * Signs a transaction after the signing policy has decoded it from its bytes and approved it: within the
     * person's limits it signs without asking; above them it needs {@code password} (checked with back-off and
     * audited), and a refused transaction is never signed. Show {@link SigningPolicy#review} to the person first;
     * this method reviews again rather than trusting what was shown. The spend counts against today's limit.
     *
     * @param password the account password, or null when none was asked for
     * @throws WalletException {@link Kind#POLICY_REFUSED} with the reason, {@link Kind#PASSWORD_REQUIRED} with the
     *                         reason, or the password errors of {@link #verifyPassword}
     */
    public SignedTransaction signTransaction(UnsignedTransaction transaction, SigningPolicy policy, char[] password) {
        checkOpen();
        if (!transaction.signers().equals(List.of(Address.of(publicKey)))) {
            throw new WalletException(Kind.POLICY_REFUSED, "This transaction needs signatures from other accounts "
                    + "too; the wallet signs only transactions it alone authorises.");
        }
        SigningPolicy.Review review = policy.review(transaction.message(), Address.of(publicKey));
        require(review.decision(), password);
        SignedTransaction signed = transaction.sign(view);
        policy.signed(review.preview());
        return signed;
    }

    /**
     * Signs an off-chain message that spends {@code value} of the person's money (a purchase from their balance),
     * under the signing policy: within their limits it signs without asking; above them it needs {@code password}
     * (checked with back-off and audited, as for {@link #signTransaction}); a wrong password signs nothing. The caller
     * has checked that the message says {@code value}. The spend counts against today's limit.
     *
     * @param password the account password, or null when none was asked for (the caller wipes it)
     * @throws WalletException {@link Kind#POLICY_REFUSED} with the reason, {@link Kind#PASSWORD_REQUIRED} with the
     *                         reason, or the password errors of {@link #verifyPassword}
     */
    public byte[] signSpending(byte[] message, Money value, SigningPolicy policy, char[] password) {
        checkOpen();
        // One spend at a time per policy: two purchases at once must not both fit what is left of today's limit.
        synchronized (policy) {
            return signSpendingLocked(message, value, policy, password);
        }
    }

    private byte[] signSpendingLocked(byte[] message, Money value, SigningPolicy policy, char[] password) {
        require(policy.decide(value), password);
        byte[] signature = sign(message);
        policy.spent(value);
        return signature;
    }

    /** Carries out the policy's decision: refuses, checks the password it asks for, or lets the signing go on. */
    private void require(SigningDecision decision, char[] password) {
        switch (decision) {
            case SigningDecision.Refuse refuse -> throw new WalletException(Kind.POLICY_REFUSED, refuse.reason());
            case SigningDecision.NeedsPassword needs -> {
                if (password == null) {
                    throw new WalletException(Kind.PASSWORD_REQUIRED, needs.reason());
                }
                verifyPassword(password);
            }
            case SigningDecision.Allow allow -> {
                // within the limits: nothing to ask
            }
        }
    }

    /**
     * Checks the account password, for sensitive acts such as a purchase above the person's limit. Wrong passwords
     * back off exponentially (the wait survives a restart) and every attempt is audited.
     *
     * @throws WalletException {@link Kind#WRONG_PASSWORD} (with the wait before the next attempt),
     *                         {@link Kind#TOO_MANY_ATTEMPTS} while backing off
     */
    public void verifyPassword(char[] password) {
        checkOpen();
        guarded(ACT_VERIFY, () -> {
            keystore.unlockWithPassword(password).close();
            return Boolean.TRUE;
        }, ignored -> { });
    }

    /**
     * The recovery phrase, for the person to write down or move to another wallet app; the caller zeroes it. Needs
     * the account password, backs off after wrong passwords and records every attempt in {@code <file>.audit.log}.
     *
     * @throws WalletException {@link Kind#WRONG_PASSWORD}, {@link Kind#TOO_MANY_ATTEMPTS}
     */
    public char[] exportRecoveryPhrase(char[] password) {
        checkOpen();
        return guarded(ACT_EXPORT, () -> {
            try (WalletSecret secret = keystore.unlockWithPassword(password)) {
                return secret.phrase();
            }
        }, Secrets::wipe);
    }

    /** Replaces the account password. Same back-off and audit as the other password checks. */
    public void changePassword(char[] current, char[] next) {
        checkOpen();
        if (next == null || next.length == 0) {
            throw new WalletException(Kind.INVALID_ARGUMENT, "The new password is empty");
        }
        guarded(ACT_CHANGE, () -> {
            keystore = keystore.changePassword(current, next, settings.passwordParams(), settings.random());
            return Boolean.TRUE;
        }, ignored -> { });
    }

    /** Zeroes the key; afterwards signing throws ({@link Kind#LOCKED} here, IllegalStateException on the view). */
    @Override
    public void close() {
        closed = true;
        signer.close();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Wallet[" + address + ", account " + account + ", " + file.getFileName() + (closed ? ", closed" : "")
                + "]";
    }

    // ---- password attempts ----

    private <T> T guarded(String act, Supplier<T> attempt, Consumer<T> discard) {
        return PasswordAttempts.guarded(file, backoff, audit, act, attempt, discard);
    }

    // ---- checks ----

    private void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static WalletException closedException() {
        return new WalletException(Kind.LOCKED, "The wallet is closed");
    }

    private static void checkAccount(int account) {
        if (account < 0) {
            throw new WalletException(Kind.INVALID_ARGUMENT, "An account index is 0 or more, not " + account);
        }
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new WalletException(Kind.INVALID_ARGUMENT, "The wallet needs a name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new WalletException(Kind.INVALID_ARGUMENT, "A wallet name is at most " + MAX_NAME_BYTES
                    + " bytes long");
        }
    }

    private static void forgetQuietly(DeviceSecretStore store, String walletId) {
        try {
            store.delete(walletId);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the unused device secret of wallet {}", walletId, e);
        }
    }

    /** Test probe: true once the key array inside the signer holds only zeros. */
    SoftwareSigner signerForTest() {
        return signer;
    }

    /** The view handed to transaction code: signs while the wallet is open, cannot close or export anything. */
    private final class SignerView implements Signer {

        @Override
        public byte[] publicKey() {
            return Wallet.this.publicKey();
        }

        @Override
        public byte[] sign(byte[] message) {
            return signer.sign(message);
        }

        @Override
        public void close() {
            // The wallet owns the key; Wallet.close() zeroes it.
        }

        @Override
        public String toString() {
            return "Wallet.signer[" + address + "]";
        }
    }
}
