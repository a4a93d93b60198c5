package dance.normal.wallet;

import dance.normal.wallet.keystore.Argon2Params;
import dance.normal.wallet.keystore.KeystoreLock;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The second process of {@link WalletProcessIT}: started with the test classpath, it works on the same keystore as
 * the test's JVM. Modes: {@code rewrite <file> <keyDir> <n>} opens and rewrites the keystore n times;
 * {@code hold <file>} holds the keystore lock until a line arrives on its input.
 */
public final class KeystoreWorker {

    static final char[] PASSWORD = "listen to the music".toCharArray();
    static final Argon2Params FAST = new Argon2Params(64, 1, 1);

    private KeystoreWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "rewrite" -> {
                Wallet.Settings settings = new Wallet.Settings(FAST, FAST, Clock.systemUTC(), new SecureRandom());
                FileDeviceSecretStore store = new FileDeviceSecretStore(Path.of(args[2]));
                int count = Integer.parseInt(args[3]);
                String address = null;
                for (int i = 0; i < count; i++) {
                    try (Wallet wallet = Wallet.open(file, store, settings)) {
                        wallet.changePassword(PASSWORD, PASSWORD);
                        if (address != null && !address.equals(wallet.address())) {
                            throw new IllegalStateException("the address changed");
                        }
                        address = wallet.address();
                    }
                }
                System.out.println("rewrote " + count);
            }
            case "hold" -> {
                try (KeystoreLock _ = KeystoreLock.acquire(file)) {
                    System.out.println("locked");
                    System.out.flush();
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    System.out.println("releasing");
                    System.out.flush();
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
