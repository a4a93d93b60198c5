package dance.normal.app.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.keystore.OwnerOnlyFiles;
import dance.normal.wallet.unlock.DeviceSecretStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the signed-in session's tokens on this device so a restart stays signed in: encrypted (AES-256-GCM) in
 * {@code file}, under a key held by the device's secret store (the OS keychain, else an owner-only key file).
 * Tokens are never logged; the file is replaced atomically and durably before new tokens are used.
 */
final class DeviceTokenStore implements TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceTokenStore.class);
    private static final ObjectMapper JSON = ApiClient.mapper();
    private static final int NONCE = 12;

    private final DeviceSecretStore secrets;
    private final String keyId;
    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile TokenPair tokens;

    /** @param keyId a lowercase UUID naming the key in the secret store */
    DeviceTokenStore(DeviceSecretStore secrets, String keyId, Path file) {
        this.secrets = secrets;
        this.keyId = keyId;
        this.file = file;
        this.tokens = read().orElse(null);
    }

    private Optional<TokenPair> read() {
        Optional<byte[]> key = secrets.load(keyId);
        if (key.isEmpty() || !Files.exists(file)) {
            return Optional.empty();
        }
        byte[] plain = null;
        try {
            byte[] sealed = Files.readAllBytes(file);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.get(), "AES"),
                    new GCMParameterSpec(128, sealed, 0, NONCE));
            plain = c.doFinal(sealed, NONCE, sealed.length - NONCE);
            return Optional.of(JSON.readValue(plain, TokenPair.class));
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("The saved session could not be read; signing in again is needed");
            return Optional.empty();
        } finally {
            Arrays.fill(key.get(), (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    @Override
    public Optional<TokenPair> current() {
        return Optional.ofNullable(tokens);
    }

    /**
     * Seals the tokens and writes them durably (a temporary file, fsync, an atomic rename, fsync of the directory)
     * before they become current, so a crash right after a refresh still finds them on the next start. When the
     * file cannot be written they are used for this run anyway (the old ones were spent by the server); the next
     * start then asks to sign in, or retries the old token within the server's grace.
     */
    @Override
    public void save(TokenPair newTokens) {
        byte[] key = secrets.load(keyId).orElseGet(() -> {
            byte[] fresh = DeviceSecretStore.newSecret(random);
            secrets.store(keyId, fresh);
            return fresh;
        });
        byte[] plain = null;
        try {
            plain = JSON.writeValueAsBytes(newTokens);
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] body = c.doFinal(plain);
            Files.createDirectories(file.getParent());
            OwnerOnlyFiles.write(file, ByteBuffer.allocate(NONCE + body.length).put(nonce).put(body).array());
        } catch (IOException | GeneralSecurityException | WalletException e) {
            LOG.warn("The session could not be saved; the next start will ask to sign in");
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
        tokens = newTokens;
    }

    @Override
    public void clear() {
        tokens = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("The saved session file could not be removed: {}", e.getMessage());
        }
        secrets.delete(keyId);
    }
}
