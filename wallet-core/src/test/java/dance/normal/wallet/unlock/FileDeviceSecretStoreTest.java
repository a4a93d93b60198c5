package dance.normal.wallet.unlock;

import static dance.normal.wallet.SecretLeakExtension.expectFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.wallet.SecretLeakExtension;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SecretLeakExtension.class)
class FileDeviceSecretStoreTest {

    @TempDir
    Path dir;
    private final String walletId = UUID.randomUUID().toString();

    private byte[] newSecret() {
        byte[] secret = DeviceSecretStore.newSecret(new SecureRandom());
        SecretLeakExtension.watch("device secret", secret);
        return secret;
    }

    @Test
    void storesOwnerOnlyAndLoadsBack() throws Exception {
        FileDeviceSecretStore store = new FileDeviceSecretStore(dir.resolve("keys"));
        assertThat(store.load(walletId)).isEmpty();
        byte[] secret = newSecret();
        store.store(walletId, secret);
        Path file = store.keyFile(walletId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))))
                .isEqualTo("rwx------");
        assertThat(store.load(walletId)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(secret));
        store.delete(walletId);
        assertThat(store.load(walletId)).isEmpty();
        assertThat(store.describe()).contains("keys");
    }

    @Test
    void widerPermissionsAreRefused() throws Exception {
        FileDeviceSecretStore store = new FileDeviceSecretStore(dir);
        store.store(walletId, newSecret());
        Path file = store.keyFile(walletId);
        for (String permissions : new String[] {"rw-r--r--", "rw-rw----", "rw----r--", "rw-----w-"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            WalletException e = expectFailure(Kind.DEVICE_SECRET_INSECURE, () -> store.load(walletId));
            assertThat(e.getMessage()).contains(permissions).contains("chmod 600");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(store.load(walletId)).isPresent();
    }

    @Test
    void symbolicLinkIsRefused() throws Exception {
        FileDeviceSecretStore store = new FileDeviceSecretStore(dir);
        Path target = dir.resolve("elsewhere.key");
        Files.write(target, newSecret());
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(store.keyFile(walletId), target);
        expectFailure(Kind.DEVICE_SECRET_INSECURE, () -> store.load(walletId));
    }

    @Test
    void damagedKeyFileIsUnreadable() throws Exception {
        FileDeviceSecretStore store = new FileDeviceSecretStore(dir);
        store.store(walletId, newSecret());
        Files.write(store.keyFile(walletId), new byte[5]);
        expectFailure(Kind.UNREADABLE, () -> store.load(walletId));
    }

    @Test
    void walletIdsThatCouldEscapeTheDirectoryAreRefused() {
        FileDeviceSecretStore store = new FileDeviceSecretStore(dir);
        assertThatThrownBy(() -> store.load("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.store("x", new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAKeychainTheFileStoreIsChosen() {
        // This machine's tests run without a D-Bus session, so the Secret Service cannot answer.
        DeviceSecretStore store = DeviceSecretStores.forThisDevice(dir.resolve("fallback"));
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            assertThat(store).isInstanceOf(FileDeviceSecretStore.class);
        }
    }
}
