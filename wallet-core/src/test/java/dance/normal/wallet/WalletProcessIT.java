package dance.normal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.keystore.KeystoreFile;
import dance.normal.wallet.keystore.KeystoreLock;
import dance.normal.wallet.unlock.FileDeviceSecretStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one keystore: a second process started from the test classpath ({@link KeystoreWorker}). */
@ExtendWith(SecretLeakExtension.class)
class WalletProcessIT {

    @TempDir
    Path dir;
    private Path file;
    private Path keyDir;
    private FileDeviceSecretStore store;
    private Wallet.Settings settings;
    private String address;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void createWallet() {
        file = dir.resolve("wallet.json");
        keyDir = dir.resolve("keys");
        store = new FileDeviceSecretStore(keyDir);
        settings = new Wallet.Settings(KeystoreWorker.FAST, KeystoreWorker.FAST, Clock.systemUTC(),
                new SecureRandom());
        try (Wallet wallet = Wallet.create(file, "Shared", KeystoreWorker.PASSWORD, store, settings)) {
            SecretLeakExtension.watchPhrase("shared wallet", wallet.exportRecoveryPhrase(KeystoreWorker.PASSWORD),
                    0);
            address = wallet.address();
        }
    }

    @AfterEach
    void stopChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void twoProcessesRewritingConcurrentlyLeaveAValidKeystore() throws Exception {
        Process child = start("rewrite", file.toString(), keyDir.toString(), "15");
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child));
        for (int i = 0; i < 15; i++) {
            try (Wallet wallet = Wallet.open(file, store, settings)) {
                wallet.changePassword(KeystoreWorker.PASSWORD, KeystoreWorker.PASSWORD);
                assertThat(wallet.address()).isEqualTo(address);
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String childOutput = output.get(10, TimeUnit.SECONDS);
        SecretLeakExtension.recordOutput(childOutput);
        assertThat(child.exitValue()).as(childOutput).isZero();
        assertThat(childOutput).contains("rewrote 15");

        try (Wallet wallet = Wallet.open(file, store, settings)) {
            assertThat(wallet.address()).isEqualTo(address);
            wallet.verifyPassword(KeystoreWorker.PASSWORD);
        }
        KeystoreFile.read(KeystoreFile.backupOf(file)).unlockWithPassword(KeystoreWorker.PASSWORD).close();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aWriterWaitsWhileAnotherProcessHoldsTheLock() throws Exception {
        Process child = start("hold", file.toString());
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("locked");
        byte[] before = Files.readAllBytes(file);
        CompletableFuture<Void> write = new CompletableFuture<>();
        Thread writer = Thread.ofPlatform().name("waiting-writer").start(() -> {
            try (Wallet wallet = Wallet.open(file, store, settings)) {
                wallet.changePassword(KeystoreWorker.PASSWORD, KeystoreWorker.PASSWORD);
                write.complete(null);
            } catch (RuntimeException e) {
                write.completeExceptionally(e);
            }
        });
        // The child holds the lock until told to let go: the writer is seen waiting for it, with nothing written.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!waitingForTheLock(writer)) {
            assertThat(write).as("the writer waits for the lock").isNotDone();
            assertThat(System.nanoTime()).as("the writer reaches the lock within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(write).isNotDone();
        assertThat(Files.readAllBytes(file)).as("nothing written while another process holds the lock")
                .isEqualTo(before);

        try (Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            toChild.write("release\n");
        }
        assertThat(lines.readLine()).isEqualTo("releasing");
        write.get(30, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(file)).as("written once the lock was free").isNotEqualTo(before);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        try (Wallet wallet = Wallet.open(file, store, settings)) {
            assertThat(wallet.address()).isEqualTo(address);
        }
    }

    /** Whether {@code thread} is pausing in {@link KeystoreLock#acquire}'s wait for another holder. */
    private static boolean waitingForTheLock(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING && Stream.of(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(KeystoreLock.class.getName())
                        && frame.getMethodName().equals("acquire"));
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KeystoreWorker.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        return process;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "unreadable output: " + e;
        }
    }
}
