package dance.normal.wallet.solana;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Solana runtime for tests (wallet-core's, and the server's through wallet-core's test jar): npm
 * {@code litesvm} (pinned in src/test/node/package-lock.json) behind the JSON-RPC shim src/test/node/shim.js on
 * loopback.
 *
 * <p>On first use in a JVM it copies the shim and its lockfile to target/litesvm and runs {@code npm ci} there unless
 * that lockfile was installed there already; then each {@link #start()} runs {@code node shim.js}, reads the
 * port the shim prints, and {@link #close()} stops it (closing its stdin ends it; a JVM that dies takes it along).
 * {@link #runScript} runs other test scripts of that folder (offchain.js checks off-chain messages with
 * {@code @solana/kit}). Without {@code node} and {@code npm} on the PATH the calling test is skipped with a loud
 * message.
 */
public final class LiteSvm implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String SKIP_MESSAGE = """
            *** SKIPPED: the Solana runtime tests need Node.js 20+ with npm on the PATH (npm litesvm runs the real \
            Solana VM). Install Node.js to run them. ***""";
    /** The node and npm commands; -Dlitesvm.node / -Dlitesvm.npm point elsewhere (or nowhere, to see the skip). */
    private static final String NODE = System.getProperty("litesvm.node", "node");
    private static final String NPM = System.getProperty("litesvm.npm", executable("npm"));
    private static final List<String> SHIM_FILES =
            List.of("package.json", "package-lock.json", "shim.js", "offchain.js");

    private static Boolean toolsPresent;
    private static boolean installed;

    private final Process process;
    private final SolanaRpc rpc;

    private LiteSvm(Process process, URI endpoint) {
        this.process = process;
        this.rpc = new SolanaRpc(endpoint, SolanaRpc.Commitment.CONFIRMED, Duration.ofSeconds(30));
    }

    /** Starts a fresh runtime (empty ledger, default programs); skips the test when Node.js is absent. */
    public static LiteSvm start() {
        Assumptions.assumeTrue(toolsPresent(), SKIP_MESSAGE);
        Path dir = install();
        try {
            Process process = new ProcessBuilder(NODE, "shim.js")
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("shim.log").toFile()))
                    .start();
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> firstLine = new CompletableFuture<>();
            // A platform thread: a virtual one blocked on the pipe could hold one of the few carrier threads.
            Thread.ofPlatform().daemon().name("litesvm-stdout").start(() -> {
                try {
                    firstLine.complete(stdout.readLine());
                    while (stdout.readLine() != null) {
                        // drain, so the shim never blocks on a full pipe
                    }
                } catch (IOException e) {
                    firstLine.completeExceptionally(e);
                }
            });
            String line;
            try {
                line = firstLine.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                throw new IllegalStateException("The litesvm shim did not start; see " + dir.resolve("shim.log"), e);
            }
            Matcher matcher = line == null ? null : LISTENING.matcher(line);
            if (matcher == null || !matcher.matches()) {
                process.destroyForcibly();
                throw new IllegalStateException("The litesvm shim printed \"" + line + "\" instead of its address; see "
                        + dir.resolve("shim.log"));
            }
            return new LiteSvm(process, URI.create(matcher.group(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code script} (a file of src/test/node) with Node, feeding it {@code input}, and returns what it prints;
     * skips the test when Node.js is absent.
     */
    static String runScript(String script, String input) {
        Assumptions.assumeTrue(toolsPresent(), SKIP_MESSAGE);
        Path dir = install();
        try {
            Process process = new ProcessBuilder(NODE, script)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("shim.log").toFile()))
                    .start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + script + " failed; see " + dir.resolve("shim.log"));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public SolanaRpc rpc() {
        return rpc;
    }

    public URI endpoint() {
        return rpc.endpoint();
    }

    /** Expires the current blockhash (test-only method of the shim); transactions built on it are then refused. */
    public String expireBlockhash() {
        return rpc.call("litesvm_expireBlockhash").path("blockhash").asText();
    }

    /** Freezes the shim (SIGSTOP), as a cluster that stops answering: requests wait, nothing is lost. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause() paused} shim run again (SIGCONT); it answers what waited. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        rpc.close();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized boolean toolsPresent() {
        if (toolsPresent == null) {
            toolsPresent = runs(NODE, "--version") && runs(NPM, "--version");
            if (!toolsPresent) {
                System.err.println("*** Node.js (node and npm) not found on the PATH: the litesvm Solana runtime"
                        + " tests are SKIPPED. ***");
            }
        }
        return toolsPresent;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies the shim to target/litesvm and runs {@code npm ci} there if needed: once per JVM, locked across JVMs. */
    private static synchronized Path install() {
        Path source = moduleDir().resolve("src/test/node");
        Path dir = moduleDir().resolve("target/litesvm");
        if (installed) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    for (String file : SHIM_FILES) {
                        Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                    // The marker is written only after npm ci succeeded, so a broken install is redone.
                    Path marker = dir.resolve(".installed-package-lock.json");
                    byte[] lockfile = Files.readAllBytes(source.resolve("package-lock.json"));
                    if (!Files.exists(marker) || !Arrays.equals(lockfile, Files.readAllBytes(marker))) {
                        Files.deleteIfExists(marker);
                        npmCi(dir);
                        Files.write(marker, lockfile);
                    }
                } finally {
                    lock.release();
                }
            }
            installed = true;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void npmCi(Path dir) throws IOException {
        System.err.println("Installing the litesvm Solana runtime with npm ci in " + dir + " ...");
        Path log = dir.resolve("npm.log");
        Process process = new ProcessBuilder(NPM, "ci", "--no-audit", "--no-fund")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm ci took longer than " + INSTALL_TIMEOUT + "; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during npm ci", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed (exit " + process.exitValue() + "):\n"
                    + Files.readString(log));
        }
    }

    /** wallet-core's folder: Maven runs tests there; an IDE may run them from the reactor root. */
    private static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        if (Files.isDirectory(dir.resolve("src/test/node"))) {
            return dir;
        }
        for (Path module : new Path[] {dir.resolve("wallet-core"), dir.resolveSibling("wallet-core")}) {
            if (Files.isDirectory(module.resolve("src/test/node"))) {
                return module;
            }
        }
        throw new IllegalStateException("Cannot find wallet-core/src/test/node from " + dir);
    }

    /** npm is a batch file on Windows, which ProcessBuilder finds only by its full name. */
    private static String executable(String name) {
        return System.getProperty("os.name", "").startsWith("Windows") ? name + ".cmd" : name;
    }
}
