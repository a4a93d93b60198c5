package dance.normal.wallet.keystore;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.secrets.Secrets;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.keystore.KeystoreDocument.Slot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * One wallet's keystore on disk (format in docs/keystore-format.md). The secret is encrypted with AES-256-GCM under
 * a random data key; the data key is wrapped twice, under Argon2id of the device secret (the invisible unlock) and
 * under Argon2id of the account password (sensitive acts and recovery). Every header field is associated data, so
 * an altered file fails authentication and is reported as {@link Kind#TAMPERED}, never mistaken for a new wallet.
 *
 * <p>An instance is the parsed file; what it says is trusted only after one of the unlock methods succeeds. Writes go
 * through {@link OwnerOnlyFiles} under a {@link KeystoreLock}, and keep the version they replace as {@code <file>.bak}.
 * Argon2 runs for hundreds of milliseconds: call these methods off the UI thread.
 */
public final class KeystoreFile {

    /** The format version this code writes. */
    public static final int FORMAT_VERSION = KeystoreDocument.VERSION;

    private static final byte[] SECRET_ID_LABEL =
            "normal-dance device secret id v1\0".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final KeystoreDocument document;

    private KeystoreFile(Path path, KeystoreDocument document) {
        this.path = path;
        this.document = document;
    }

    /** A new random wallet id (a UUID), which names the device secret in the keychain. */
    public static String newWalletId() {
        return UUID.randomUUID().toString();
    }

    /** The backup that every rewrite of {@code keystore} leaves: {@code <file>.bak}. */
    public static Path backupOf(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".bak");
    }

    /**
     * Seals {@code secret} into a new keystore at {@code path}. Refuses with {@link Kind#ALREADY_EXISTS} when any file
     * is there, readable or not: a keystore is never overwritten by a new wallet.
     */
    public static KeystoreFile create(Path path, String walletId, WalletSecret secret, byte[] deviceSecret,
                                      char[] password, Argon2Params deviceParams, Argon2Params passwordParams,
                                      SecureRandom random) {
        if (!KeystoreDocument.isWalletId(walletId)) {
            throw new IllegalArgumentException("A wallet id is a lowercase UUID");
        }
        checkPassword(password);
        byte[] publicKey;
        try (SoftwareSigner signer = secret.signer()) {
            publicKey = signer.publicKey();
        }
        KeystoreDocument header = new KeystoreDocument(FORMAT_VERSION, walletId, publicKey, secret.account(),
                null, null, null, null);
        byte[] dataKey = Crypto.random(random, Crypto.KEY_BYTES);
        byte[] passwordBytes = Secrets.utf8(password);
        byte[] plaintext = secret.encode();
        try {
            Slot device = seal(header, Slot.DEVICE, secretId(deviceSecret, walletId), deviceSecret, deviceParams,
                    dataKey, random);
            Slot passwordSlot = seal(header, Slot.PASSWORD, null, passwordBytes, passwordParams, dataKey, random);
            KeystoreDocument document = encrypt(header, device, passwordSlot, dataKey, plaintext, random);
            byte[] json = document.toJson();
            try (KeystoreLock _ = KeystoreLock.acquire(path)) {
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new WalletException(Kind.ALREADY_EXISTS, "A keystore already exists at " + path
                            + "; it is never overwritten (open it, or choose another file)");
                }
                OwnerOnlyFiles.write(path, json);
            }
            return new KeystoreFile(path, document);
        } finally {
            Secrets.wipe(dataKey, passwordBytes, plaintext);
        }
    }

    /**
     * Reads and parses the keystore at {@code path}; authenticity is checked by the unlock methods.
     *
     * @throws WalletException {@link Kind#NOT_FOUND}, {@link Kind#UNREADABLE}, {@link Kind#UNSUPPORTED_VERSION}
     */
    public static KeystoreFile read(Path path) {
        byte[] bytes;
        try (KeystoreLock _ = KeystoreLock.acquire(path)) {
            bytes = OwnerOnlyFiles.readIfExists(path, KeystoreDocument.MAX_FILE_BYTES);
        }
        if (bytes == null) {
            Path backup = backupOf(path);
            String hint = Files.exists(backup) ? " (a backup exists at " + backup.getFileName()
                    + ": rename it to restore the previous version)" : "";
            throw new WalletException(Kind.NOT_FOUND, "There is no keystore at " + path + hint);
        }
        return new KeystoreFile(path, KeystoreDocument.parse(bytes));
    }

    public Path path() {
        return path;
    }

    /** The wallet id, a UUID that names this wallet's device secret. */
    public String walletId() {
        return document.walletId();
    }

    /** The 32-byte public key the header claims (trusted once unlocked). */
    public byte[] publicKey() {
        return document.publicKey().clone();
    }

    public int account() {
        return document.account();
    }

    public int version() {
        return document.version();
    }

    public Argon2Params deviceParams() {
        return document.device().params();
    }

    public Argon2Params passwordParams() {
        return document.password().params();
    }

    /**
     * Opens the keystore with the device secret (the invisible unlock).
     *
     * @throws WalletException {@link Kind#WRONG_DEVICE_SECRET} when the secret is not the one this keystore was sealed
     *                         with, {@link Kind#TAMPERED} when the file was altered
     */
    public WalletSecret unlockWithDeviceSecret(byte[] deviceSecret) {
        byte[] expected = secretId(deviceSecret, document.walletId());
        try {
            if (!MessageDigest.isEqual(expected, document.device().secretId())) {
                throw new WalletException(Kind.WRONG_DEVICE_SECRET, "The device secret on this device is not the one "
                        + "this wallet was sealed with; unlock it with the account password");
            }
        } finally {
            Secrets.wipe(expected);
        }
        byte[] dataKey = unwrap(document, document.device(), deviceSecret);
        if (dataKey == null) {
            // The device secret is the right one (its id matched), so the slot or the header was changed.
            throw tampered();
        }
        try {
            return decrypt(document, dataKey);
        } finally {
            Secrets.wipe(dataKey);
        }
    }

    /**
     * Opens the keystore with the account password.
     *
     * @throws WalletException {@link Kind#WRONG_PASSWORD}, or {@link Kind#TAMPERED} when the file was altered
     */
    public WalletSecret unlockWithPassword(char[] password) {
        byte[] dataKey = unwrapWithPassword(document, password);
        try {
            return decrypt(document, dataKey);
        } finally {
            Secrets.wipe(dataKey);
        }
    }

    /**
     * Re-wraps the data key under {@code next}, re-reading the file under the lock so a change made by another
     * process is not lost. Keeps the replaced file as {@code <file>.bak}.
     */
    public KeystoreFile changePassword(char[] current, char[] next, Argon2Params params, SecureRandom random) {
        checkPassword(next);
        return rewrite(current, random, (fresh, dataKey) -> {
            byte[] nextBytes = Secrets.utf8(next);
            try {
                Slot password = seal(fresh, Slot.PASSWORD, null, nextBytes, params, dataKey, random);
                return new Slot[] {fresh.device(), password};
            } finally {
                Secrets.wipe(nextBytes);
            }
        });
    }

    /**
     * Re-seals the device slot under a new device secret, after the password proves the owner (a new device, or a
     * keychain that lost its entry). Keeps the replaced file as {@code <file>.bak}.
     */
    public KeystoreFile resealDevice(char[] password, byte[] deviceSecret, Argon2Params params, SecureRandom random) {
        return rewrite(password, random, (fresh, dataKey) -> new Slot[] {
            seal(fresh, Slot.DEVICE, secretId(deviceSecret, fresh.walletId()), deviceSecret, params, dataKey, random),
            fresh.password()});
    }

    private interface SlotChange {
        Slot[] apply(KeystoreDocument fresh, byte[] dataKey);
    }

    private KeystoreFile rewrite(char[] password, SecureRandom random, SlotChange change) {
        try (KeystoreLock _ = KeystoreLock.acquire(path)) {
            byte[] previous = OwnerOnlyFiles.readIfExists(path, KeystoreDocument.MAX_FILE_BYTES);
            if (previous == null) {
                throw new WalletException(Kind.NOT_FOUND, "The keystore at " + path + " is gone");
            }
            KeystoreDocument fresh = KeystoreDocument.parse(previous);
            if (!Arrays.equals(fresh.publicKey(), document.publicKey())) {
                throw new WalletException(Kind.TAMPERED, "The keystore at " + path
                        + " now holds a different wallet; it was not changed");
            }
            byte[] dataKey = unwrapWithPassword(fresh, password);
            byte[] plaintext = null;
            try {
                plaintext = open(fresh, dataKey);
                Slot[] slots = change.apply(fresh, dataKey);
                KeystoreDocument next = encrypt(fresh, slots[0], slots[1], dataKey, plaintext, random);
                OwnerOnlyFiles.write(backupOf(path), previous);
                OwnerOnlyFiles.write(path, next.toJson());
                return new KeystoreFile(path, next);
            } finally {
                Secrets.wipe(dataKey, plaintext);
            }
        }
    }

    // ---- sealing and opening ----

    private static Slot seal(KeystoreDocument header, String type, byte[] secretId, byte[] secret,
                             Argon2Params params, byte[] dataKey, SecureRandom random) {
        byte[] salt = Crypto.random(random, Crypto.SALT_BYTES);
        byte[] nonce = Crypto.random(random, Crypto.NONCE_BYTES);
        Slot unsealed = new Slot(type, secretId, params, salt, nonce, null);
        byte[] kek = Crypto.argon2id(secret, salt, params);
        try {
            byte[] wrapped = Crypto.seal(kek, nonce, header.slotAad(unsealed), dataKey);
            return new Slot(type, secretId, params, salt, nonce, wrapped);
        } finally {
            Secrets.wipe(kek);
        }
    }

    /** The data key, or null when the slot does not open with {@code secret}. */
    private static byte[] unwrap(KeystoreDocument document, Slot slot, byte[] secret) {
        byte[] kek = Crypto.argon2id(secret, slot.salt(), slot.params());
        try {
            return Crypto.open(kek, slot.nonce(), document.slotAad(slot), slot.wrappedKey());
        } catch (Crypto.AuthenticationFailed e) {
            return null;
        } finally {
            Secrets.wipe(kek);
        }
    }

    private static byte[] unwrapWithPassword(KeystoreDocument document, char[] password) {
        checkPassword(password);
        byte[] passwordBytes = Secrets.utf8(password);
        try {
            byte[] dataKey = unwrap(document, document.password(), passwordBytes);
            if (dataKey == null) {
                throw new WalletException(Kind.WRONG_PASSWORD, "The password is not correct");
            }
            return dataKey;
        } finally {
            Secrets.wipe(passwordBytes);
        }
    }

    private static KeystoreDocument encrypt(KeystoreDocument header, Slot device, Slot password, byte[] dataKey,
                                            byte[] plaintext, SecureRandom random) {
        byte[] nonce = Crypto.random(random, Crypto.NONCE_BYTES);
        KeystoreDocument unsealed = new KeystoreDocument(header.version(), header.walletId(), header.publicKey(),
                header.account(), nonce, null, device, password);
        byte[] ciphertext = Crypto.seal(dataKey, nonce, unsealed.payloadAad(), plaintext);
        return new KeystoreDocument(header.version(), header.walletId(), header.publicKey(), header.account(),
                nonce, ciphertext, device, password);
    }

    /** The authenticated plaintext; the caller zeroes it. */
    private static byte[] open(KeystoreDocument document, byte[] dataKey) {
        try {
            return Crypto.open(dataKey, document.nonce(), document.payloadAad(), document.ciphertext());
        } catch (Crypto.AuthenticationFailed e) {
            throw tampered();
        }
    }

    private static WalletSecret decrypt(KeystoreDocument document, byte[] dataKey) {
        byte[] plaintext = open(document, dataKey);
        try {
            WalletSecret secret = WalletSecret.decode(plaintext);
            if (secret == null) {
                throw new WalletException(Kind.UNREADABLE, "The keystore decrypts, but its content is malformed");
            }
            boolean consistent;
            try (SoftwareSigner signer = secret.signer()) {
                consistent = secret.account() == document.account()
                        && Arrays.equals(signer.publicKey(), document.publicKey());
            }
            if (!consistent) {
                secret.close();
                throw new WalletException(Kind.UNREADABLE,
                        "The keystore decrypts, but its key does not match its public key");
            }
            return secret;
        } finally {
            Secrets.wipe(plaintext);
        }
    }

    /** A non-secret fingerprint of the device secret, so a wrong secret is told apart from an altered file. */
    private static byte[] secretId(byte[] deviceSecret, String walletId) {
        byte[] id = walletId.getBytes(StandardCharsets.US_ASCII);
        byte[] mac = Crypto.hmacSha256(deviceSecret, SECRET_ID_LABEL, id);
        try {
            return Arrays.copyOf(mac, KeystoreDocument.SECRET_ID_BYTES);
        } finally {
            Secrets.wipe(mac);
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new WalletException(Kind.INVALID_ARGUMENT, "The password is empty");
        }
    }

    private static WalletException tampered() {
        return new WalletException(Kind.TAMPERED,
                "The keystore was altered after it was written and was not opened (restore it from a backup, "
                        + "or import the recovery phrase)");
    }

    @Override
    public String toString() {
        return "KeystoreFile[" + path + ", " + document + "]";
    }
}
