package dance.normal.wallet.unlock;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Where this device keeps each wallet's device secret: 32 random bytes that unlock the wallet without asking the
 * person anything. Implementations: the OS keychain ({@link SecretToolDeviceSecretStore} on Linux) and an
 * owner-only key file ({@link FileDeviceSecretStore}). {@link DeviceSecretStores#forThisDevice} picks one.
 *
 * <p>Arrays returned are copies that the caller zeroes; arrays passed in are not kept.
 */
public interface DeviceSecretStore {

    /** The length of a device secret. */
    int SECRET_BYTES = 32;

    /** The device secret of {@code walletId}, or empty when this device holds none. */
    Optional<byte[]> load(String walletId);

    /** Stores (or replaces) the device secret of {@code walletId}. */
    void store(String walletId, byte[] secret);

    /** Forgets the device secret of {@code walletId}; nothing happens when there is none. */
    void delete(String walletId);

    /** A short description for logs and settings, such as "Secret Service (secret-tool)". */
    String describe();

    /** A new random device secret; the caller zeroes it. */
    static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }
}
