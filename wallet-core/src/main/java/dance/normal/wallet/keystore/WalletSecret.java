package dance.normal.wallet.keystore;

import dance.normal.wallet.secrets.Secrets;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.keys.SolanaKeys;
import dance.normal.wallet.mnemonic.Mnemonic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a keystore encrypts: the BIP39 entropy (so the recovery phrase can be shown again), the wallet's name and its
 * account index. The entropy stays inside: callers get a signer or, for export, the phrase. Zeroed on close.
 */
public final class WalletSecret implements AutoCloseable {

    /** The longest name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 200;

    private static final byte PAYLOAD_VERSION = 1;

    private final byte[] entropy;
    private final String name;
    private final int account;

    /** A secret over a copy of {@code entropy} (16 to 32 bytes); the caller still owns its array. */
    public WalletSecret(byte[] entropy, String name, int account) {
        int length = entropy.length;
        if (length < 16 || length > 32 || length % 4 != 0) {
            throw new IllegalArgumentException("BIP39 entropy is 16, 20, 24, 28 or 32 bytes");
        }
        if (account < 0) {
            throw new IllegalArgumentException("An account index is 0 or more");
        }
        Objects.requireNonNull(name, "name");
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("A wallet name is at most " + MAX_NAME_BYTES + " bytes of UTF-8");
        }
        this.entropy = entropy.clone();
        this.name = name;
        this.account = account;
    }

    /** A secret from a recovery phrase (validated here). */
    public static WalletSecret fromPhrase(char[] phrase, String name, int account) {
        byte[] entropy = Mnemonic.toEntropy(phrase);
        try {
            return new WalletSecret(entropy, name, account);
        } finally {
            Secrets.wipe(entropy);
        }
    }

    public String name() {
        return name;
    }

    public int account() {
        return account;
    }

    /** The signer at m/44'/501'/{account}'/0' (empty BIP39 passphrase); the caller closes it. */
    public SoftwareSigner signer() {
        return SolanaKeys.signerFromEntropy(entropy, account);
    }

    /** The recovery phrase; the caller zeroes it. */
    public char[] phrase() {
        return Mnemonic.fromEntropy(entropy);
    }

    /** The plaintext the keystore encrypts; the caller zeroes it. */
    byte[] encode() {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + 1 + entropy.length + 4 + 2 + nameBytes.length);
        buffer.put(PAYLOAD_VERSION).put((byte) entropy.length).put(entropy).putInt(account)
                .putShort((short) nameBytes.length).put(nameBytes);
        return buffer.array();
    }

    /** Parses a decrypted payload; null when it is malformed. Does not zero {@code payload}. */
    static WalletSecret decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        if (buffer.remaining() < 2 || buffer.get() != PAYLOAD_VERSION) {
            return null;
        }
        int length = buffer.get() & 0xFF;
        if (length < 16 || length > 32 || length % 4 != 0 || buffer.remaining() < length + 6) {
            return null;
        }
        byte[] entropy = new byte[length];
        try {
            buffer.get(entropy);
            int account = buffer.getInt();
            int nameLength = buffer.getShort() & 0xFFFF;
            if (account < 0 || nameLength > MAX_NAME_BYTES || buffer.remaining() != nameLength) {
                return null;
            }
            byte[] nameBytes = new byte[nameLength];
            buffer.get(nameBytes);
            return new WalletSecret(entropy, new String(nameBytes, StandardCharsets.UTF_8), account);
        } finally {
            Secrets.wipe(entropy);
        }
    }

    @Override
    public void close() {
        Secrets.wipe(entropy);
    }

    @Override
    public String toString() {
        return "WalletSecret[name=" + name + ", account=" + account + ", entropy=redacted]";
    }
}
