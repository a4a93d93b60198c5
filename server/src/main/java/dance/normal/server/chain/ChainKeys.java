package dance.normal.server.chain;

import dance.normal.wallet.Wallet;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Pkcs11Signer;
import dance.normal.wallet.keys.Signer;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that owns every track's mint and treasury (mint authority, treasury owner and fee payer). By default it is
 * held by wallet-core like a listener's wallet: an encrypted keystore in {@code <data dir>/chain/} that opens with a
 * device secret kept beside it, and whose password slot (for exporting the recovery phrase) uses the password in
 * {@code chain/treasury-password}, made on first start and readable by its owner only. With
 * {@code --treasury-pkcs11} it lives in an HSM instead and signs there (decision 0029). Either way the key never
 * leaves wallet-core: this class hands out a signer.
 */
final class ChainKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ChainKeys.class);

    private ChainKeys() {
    }

    /**
     * The treasury's signer, owned by the caller (closing it logs out of the HSM or zeroes the key): in the HSM
     * when {@code hsm} is given, else the keystore in {@code dataDir} (made on first start).
     */
    static Signer treasury(Path dataDir, Optional<TreasuryPkcs11> hsm) {
        if (hsm.isEmpty()) {
            return new WalletSigner(open(dataDir));
        }
        Pkcs11Signer signer = hsm.get().open();
        String address = Base58.encode(signer.publicKey());
        LOG.info("The Solana treasury key {} is in the HSM ({})", address, hsm.get().describe());
        Path file = dataDir.resolve("chain").resolve("treasury.wallet.json");
        if (Files.exists(file)) {
            LOG.warn("{} holds an earlier treasury key; offerings minted under it are not delivered by the HSM key {} "
                    + "until their tokens are moved to it (decision 0029)", file, address);
        }
        return signer;
    }

    /** The keystore's signer, which closes (zeroes) the wallet when it is closed. */
    private record WalletSigner(Wallet wallet) implements Signer {

        @Override
        public byte[] publicKey() {
            return wallet.publicKey();
        }

        @Override
        public byte[] sign(byte[] message) {
            return wallet.signer().sign(message);
        }

        @Override
        public void close() {
            wallet.close();
        }

        @Override
        public String toString() {
            return "treasury keystore " + wallet.address();
        }
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
