package dance.normal.wallet.unlock;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.SecretLeakExtension;
import dance.normal.wallet.Wallet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The keychain store against a real Secret Service: a private D-Bus session and GNOME Keyring started for the test
 * (Debian packages dbus-daemon, gnome-keyring, libsecret-tools), with a throw-away keyring in a temporary home.
 * Skipped, loudly, where those programs are not installed.
 */
@ExtendWith(SecretLeakExtension.class)
class SecretToolDeviceSecretStoreIT {

    private static Path home;
    private static Process bus;
    private static Process keyring;
    private static Map<String, String> environment;

    @BeforeAll
    static void startSecretService() throws Exception {
        for (String program : new String[] {"secret-tool", "dbus-daemon", "gnome-keyring-daemon"}) {
            boolean found = Arrays.stream(System.getenv("PATH").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
            if (!found) {
                System.err.println("SKIPPED SecretToolDeviceSecretStoreIT: " + program + " is not installed "
                        + "(apt-get install libsecret-tools gnome-keyring dbus-daemon)");
            }
            Assumptions.assumeTrue(found, program + " is not installed");
        }
        home = Files.createTempDirectory("keyring-home", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path runtime = Files.createDirectory(home.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        ProcessBuilder busBuilder = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile",
                "--print-address=1");
        busBuilder.environment().put("HOME", home.toString());
        busBuilder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        busBuilder.redirectError(ProcessBuilder.Redirect.DISCARD);
        bus = busBuilder.start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(address).startsWith("unix:");
        environment = Map.of("DBUS_SESSION_BUS_ADDRESS", address, "HOME", home.toString(),
                "XDG_RUNTIME_DIR", runtime.toString(), "XDG_DATA_HOME", home.resolve("data").toString());

        ProcessBuilder keyringBuilder = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets");
        keyringBuilder.environment().putAll(environment);
        keyringBuilder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        keyringBuilder.redirectError(ProcessBuilder.Redirect.DISCARD);
        keyring = keyringBuilder.start();
        try (OutputStream stdin = keyring.getOutputStream()) {
            stdin.write("throw-away keyring password".getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stopSecretService() throws Exception {
        for (Process process : new Process[] {keyring, bus}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
        if (home != null) {
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static SecretToolDeviceSecretStore store() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Optional<SecretToolDeviceSecretStore> store = SecretToolDeviceSecretStore.probe(Duration.ofSeconds(3),
                    environment);
            if (store.isPresent()) {
                return store.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The Secret Service did not answer within 15 s");
    }

    @Test
    void storesLooksUpAndClearsADeviceSecret() throws Exception {
        SecretToolDeviceSecretStore store = store();
        String walletId = UUID.randomUUID().toString();
        assertThat(store.load(walletId)).isEmpty();
        byte[] secret = DeviceSecretStore.newSecret(new SecureRandom());
        SecretLeakExtension.watch("keychain device secret", secret);
        store.store(walletId, secret);
        assertThat(store.load(walletId)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(secret));
        byte[] replacement = DeviceSecretStore.newSecret(new SecureRandom());
        SecretLeakExtension.watch("replacement device secret", replacement);
        store.store(walletId, replacement);
        assertThat(store.load(walletId)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(replacement));
        store.delete(walletId);
        assertThat(store.load(walletId)).isEmpty();
        assertThat(store.describe()).contains("secret-tool");
    }

    @Test
    void walletUnlocksInvisiblyWithTheKeychain() throws Exception {
        SecretToolDeviceSecretStore store = store();
        Path dir = Files.createTempDirectory(home, "wallet");
        Path file = dir.resolve("wallet.json");
        char[] password = "keychain wallet password".toCharArray();
        String address;
        try (Wallet wallet = Wallet.create(file, "Keychain", password, store)) {
            SecretLeakExtension.watchPhrase("keychain wallet", wallet.exportRecoveryPhrase(password), 0);
            address = wallet.address();
        }
        try (Wallet wallet = Wallet.open(file, store)) {
            assertThat(wallet.address()).isEqualTo(address);
        }
        try (var files = Files.list(dir)) {
            // The device secret went to the keychain, not into a key file.
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".key"));
        }
    }

    @Test
    void noServiceMeansNoKeychain() {
        // Without a session bus address the probe must fail fast and quietly, so the file store is used.
        assertThat(SecretToolDeviceSecretStore.probe(Duration.ofSeconds(3),
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-such-bus")))).isEmpty();
    }
}
