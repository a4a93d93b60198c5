package dance.normal.bench;

import dance.normal.wallet.Wallet;
import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * Ed25519 signatures and verifications per second on one thread (the wallet's {@link SoftwareSigner}), and the
 * time one invisible unlock takes with the production Argon2id parameters. Prints {@code WALLET key=value} lines
 * for bench/run; the yardstick (OpenSSL's Ed25519, {@code openssl speed}) runs beside it there.
 */
public final class WalletBench {

    private WalletBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SecureRandom random = new SecureRandom();
        byte[] message = new byte[250];
        random.nextBytes(message);
        try (SoftwareSigner signer = SoftwareSigner.generate(random)) {
            byte[] signature = signer.sign(message);
            byte[] publicKey = signer.publicKey();
            run(() -> signer.sign(message), 2);
            double signs = run(() -> signer.sign(message), seconds);
            run(() -> Signatures.verify(publicKey, message, signature), 2);
            double verifies = run(() -> Signatures.verify(publicKey, message, signature), seconds);
            System.out.printf(Locale.ROOT, "WALLET sign_per_s=%.0f verify_per_s=%.0f%n", signs, verifies);
        }

        Path dir = Files.createTempDirectory("nd-wallet-bench");
        try {
            FileDeviceSecretStore store = new FileDeviceSecretStore(dir.resolve("keys"));
            Path file = dir.resolve("bench.wallet.json");
            Wallet.create(file, "bench", "benchmark password".toCharArray(), store).close();
            long[] ms = new long[5];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                Wallet.open(file, store).close();
                ms[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "WALLET unlock_ms_min=%d unlock_ms_median=%d unlock_ms_max=%d%n", ms[0],
                    ms[ms.length / 2], ms[ms.length - 1]);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Operations per second of {@code op} over {@code seconds} on this thread. */
    private static double run(Runnable op, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                op.run();
            }
            count += 256;
            now = System.nanoTime();
        } while (now < end);
        return count / ((now - start) / 1e9);
    }
}
