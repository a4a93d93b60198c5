package dance.normal.server.chain;

import dance.normal.wallet.Wallet;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key that owns every track's mint and treasury (mint authority, treasury owner and fee payer), held by
 * wallet-core like a listener's wallet: an encrypted keystore in {@code <data dir>/chain/} that opens with a device
 * secret kept beside it, and whose password slot (for exporting the recovery phrase) uses the password in
 * {@code chain/treasury-password}, made on first start and readable by its owner only. The key never leaves
 * wallet-core: this class hands out a signer.
 */
final class ChainKeys {

    private ChainKeys() {
    }

    static Wallet open(Path dataDir) {
        Path dir = dataDir.resolve("chain");
        Path file = dir.resolve("treasury.wallet.json");
        try {
            Files.createDirectories(dir);
            FileDeviceSecretStore store = new FileDeviceSecretStore(dir.resolve("device-keys"));
            if (Files.exists(file)) {
                return Wallet.open(file, store);
            }
            char[] password = password(dir.resolve("treasury-password"));
            try {
                return Wallet.create(file, "Normal Dance treasury", password, store);
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the treasury key in " + dir, e);
        }
    }

    /** The treasury's password, made once (32 random bytes, base64) into an owner-only file. */
    private static char[] password(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            byte[] text = Base64.getEncoder().encode(random);
            Arrays.fill(random, (byte) 0);
            Path tmp = Files.createTempFile(file.getParent(), "treasury-password", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, text);
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another process made it first
            } finally {
                Arrays.fill(text, (byte) 0);
                Files.delete(tmp);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
