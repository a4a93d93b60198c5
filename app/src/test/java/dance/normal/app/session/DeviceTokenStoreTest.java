package dance.normal.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.TokenPair;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealed session file: what a save returns from is on disk (a new store, as after a crash and restart, reads
 * it), whole, owner-only, sealed, and with no temporary file left beside it.
 */
class DeviceTokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void aSavedPairIsOnDiskWhenSaveReturnsAndReplacesTheLastWhole() throws Exception {
        String keyId = UUID.randomUUID().toString();
        Path file = dir.resolve("sessions").resolve(keyId + ".bin");
        DeviceTokenStore store = new DeviceTokenStore(new FileDeviceSecretStore(dir.resolve("keys")), keyId, file);
        TokenPair first = new TokenPair("access-1", "refresh-1", "Bearer", 900, null);
        TokenPair second = new TokenPair("access-2", "refresh-2", "Bearer", 900, null);

        store.save(first);
        store.save(second);

        DeviceTokenStore afterRestart = new DeviceTokenStore(new FileDeviceSecretStore(dir.resolve("keys")), keyId,
                file);
        assertThat(afterRestart.current()).contains(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("refresh-2");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
