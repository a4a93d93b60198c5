package dance.normal.wallet.unlock;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.secrets.Secrets;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Device secrets in the Linux Secret Service (GNOME Keyring, KWallet's bridge, KeePassXC...) through libsecret's
 * {@code secret-tool}. Entries carry the attributes {@code app=normal-dance} and {@code wallet=<id>}. The secret
 * travels as hex over the child's standard input and output, never on its command line, where other users could
 * read it from the process list.
 *
 * <p>Platform quirks: {@code secret-tool lookup} exits 1 both when nothing matches and when the service cannot be
 * reached; only the second writes to standard error. A locked collection may make the service show an unlock
 * prompt, so every call is bounded by a timeout, and {@link #probe} treats a slow answer as "no keychain".
 */
public final class SecretToolDeviceSecretStore implements DeviceSecretStore {

    /** The value of the {@code app} attribute on every entry. */
    public static final String APP = "normal-dance";

    private static final String PROGRAM = "secret-tool";
    private static final int HEX_CHARS = SECRET_BYTES * 2;

    /** Reads the child's output; virtual threads, never closed, so a stuck pipe cannot hold up a caller. */
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final Path executable;
    private final Duration timeout;
    private final Map<String, String> environment;

    private SecretToolDeviceSecretStore(Path executable, Duration timeout, Map<String, String> environment) {
        this.executable = executable;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The store, when {@code secret-tool} is on the PATH and a Secret Service answers a lookup within
     * {@code timeout}; empty otherwise.
     */
    public static Optional<SecretToolDeviceSecretStore> probe(Duration timeout) {
        return probe(timeout, Map.of());
    }

    /** As {@link #probe(Duration)}, with extra environment for the child (tests point it at their own D-Bus). */
    static Optional<SecretToolDeviceSecretStore> probe(Duration timeout, Map<String, String> environment) {
        Optional<Path> executable = findOnPath();
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        SecretToolDeviceSecretStore store = new SecretToolDeviceSecretStore(executable.get(), timeout, environment);
        try {
            Result result = store.run(null, "lookup", "app", APP, "probe", "1");
            Secrets.wipe(result.stdout());
            boolean answered = result.exitCode() == 0 || (result.exitCode() == 1 && result.stderr().isBlank());
            return answered ? Optional.of(store) : Optional.empty();
        } catch (WalletException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> load(String walletId) {
        Result result = run(null, "lookup", "app", APP, "wallet", WalletIds.check(walletId));
        byte[] out = result.stdout();
        try {
            if (result.exitCode() != 0) {
                if (result.stderr().isBlank()) {
                    return Optional.empty();
                }
                throw failure("look up", result);
            }
            return Optional.of(fromHex(out));
        } finally {
            Secrets.wipe(out);
        }
    }

    @Override
    public void store(String walletId, byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("A device secret is " + SECRET_BYTES + " bytes");
        }
        byte[] hex = toHex(secret);
        try {
            Result result = run(hex, "store", "--label=Normal Dance wallet " + WalletIds.check(walletId),
                    "app", APP, "wallet", walletId);
            Secrets.wipe(result.stdout());
            if (result.exitCode() != 0) {
                throw failure("store", result);
            }
        } finally {
            Secrets.wipe(hex);
        }
    }

    @Override
    public void delete(String walletId) {
        Result result = run(null, "clear", "app", APP, "wallet", WalletIds.check(walletId));
        Secrets.wipe(result.stdout());
        if (result.exitCode() != 0 && !result.stderr().isBlank()) {
            throw failure("delete", result);
        }
    }

    @Override
    public String describe() {
        return "Secret Service (" + executable + ")";
    }

    private record Result(int exitCode, byte[] stdout, String stderr) {
        @Override
        public String toString() {
            return "Result[exit=" + exitCode + ", stdout=redacted]";
        }
    }

    private Result run(byte[] input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot run " + PROGRAM + ": " + e.getMessage(), e);
        }
        Future<byte[]> stdout = READERS.submit(() -> readBounded(process.getInputStream()));
        Future<byte[]> stderr = READERS.submit(() -> readBounded(process.getErrorStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input);
            }
        } catch (IOException e) {
            // The program exited before reading; its exit code says why.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new WalletException(Kind.IO, "The keychain (" + PROGRAM + ") did not answer within "
                        + timeout.toSeconds() + " s");
            }
            byte[] err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(process.exitValue(), stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    new String(err, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new WalletException(Kind.IO, "Interrupted while waiting for " + PROGRAM, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new WalletException(Kind.IO, "Cannot read the answer of " + PROGRAM, e);
        }
    }

    /** Reads at most a small amount: a device secret is 64 hex characters and an error a line or two. */
    private static byte[] readBounded(InputStream in) {
        byte[] buffer = new byte[4096];
        try (in) {
            int length = in.readNBytes(buffer, 0, buffer.length);
            while (in.read() >= 0) {
                // drain and discard anything longer, so the child never blocks on a full pipe
            }
            return Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            return new byte[0];
        } finally {
            Secrets.wipe(buffer);
        }
    }

    private static WalletException failure(String action, Result result) {
        String reason = result.stderr().lines().findFirst().orElse("exit code " + result.exitCode());
        return new WalletException(Kind.IO, "The keychain could not " + action + " the device secret: " + reason);
    }

    private static byte[] toHex(byte[] bytes) {
        byte[] hex = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            hex[i * 2] = (byte) Character.forDigit((bytes[i] >>> 4) & 0xF, 16);
            hex[i * 2 + 1] = (byte) Character.forDigit(bytes[i] & 0xF, 16);
        }
        return hex;
    }

    private static byte[] fromHex(byte[] text) {
        int start = 0;
        int end = text.length;
        while (start < end && Character.isWhitespace(text[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(text[end - 1])) {
            end--;
        }
        if (end - start != HEX_CHARS) {
            throw new WalletException(Kind.UNREADABLE, "The keychain entry for this wallet is not a device secret");
        }
        byte[] out = new byte[SECRET_BYTES];
        for (int i = 0; i < SECRET_BYTES; i++) {
            int high = Character.digit(text[start + i * 2], 16);
            int low = Character.digit(text[start + i * 2 + 1], 16);
            if (high < 0 || low < 0) {
                Secrets.wipe(out);
                throw new WalletException(Kind.UNREADABLE, "The keychain entry for this wallet is not a device secret");
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    private static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, PROGRAM);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SecretToolDeviceSecretStore[" + executable + "]";
    }
}
