package dance.normal.wallet.unlock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where this device keeps device secrets: the OS keychain when one answers, else owner-only key files. */
public final class DeviceSecretStores {

    /** How long the keychain probe waits for the Secret Service to answer. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSecretStores.class);

    private DeviceSecretStores() {
    }

    /**
     * The Secret Service through {@code secret-tool} when it is installed and answers, else key files in
     * {@code fallbackDirectory} (created 0700 when first needed). Probing runs a child process: call it once at start
     * and off the UI thread.
     */
    public static DeviceSecretStore forThisDevice(Path fallbackDirectory) {
        Optional<SecretToolDeviceSecretStore> keychain = SecretToolDeviceSecretStore.probe(PROBE_TIMEOUT);
        DeviceSecretStore store = keychain.<DeviceSecretStore>map(k -> k)
                .orElseGet(() -> new FileDeviceSecretStore(fallbackDirectory));
        LOG.info("Device secrets are kept in {}", store.describe());
        return store;
    }
}
