package dance.normal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.keystore.Argon2Params;
import dance.normal.wallet.keystore.KeystoreFile;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures one unlock with the production Argon2 parameters and prints it. Asserts nothing about time (the machine
 * is shared); the numbers go into docs/decisions/0007-wallet-unlock.md and docs/BENCHMARKS.md.
 */
@ExtendWith(SecretLeakExtension.class)
class Argon2ProductionTimingIT {

    @TempDir
    Path dir;

    @Test
    void measureUnlockWithProductionParameters() {
        char[] password = "a production password".toCharArray();
        FileDeviceSecretStore store = new FileDeviceSecretStore(dir.resolve("keys"));
        Path file = dir.resolve("wallet.json");
        long start = System.nanoTime();
        try (Wallet wallet = Wallet.create(file, "Timing", password, store)) {
            SecretLeakExtension.watchPhrase("timing wallet", wallet.exportRecoveryPhrase(password), 0);
        }
        long createMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(KeystoreFile.read(file).deviceParams()).isEqualTo(Argon2Params.PRODUCTION);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> opens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            try (Wallet wallet = Wallet.open(file, store)) {
                opens.add((System.nanoTime() - t0) / 1_000_000 + " ms wall/"
                        + (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000 + " ms cpu");
                if (i == 4) {
                    long t1 = System.nanoTime();
                    wallet.verifyPassword(password);
                    System.out.printf("verifyPassword: %d ms%n", (System.nanoTime() - t1) / 1_000_000);
                }
            }
        }
        System.out.printf("Argon2 %s: create (two slots + export) %d ms; open, first in this JVM then warm: %s%n",
                Argon2Params.PRODUCTION, createMillis, opens);
    }
}
