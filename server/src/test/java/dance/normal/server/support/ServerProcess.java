package dance.normal.server.support;

import dance.normal.server.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A server in its own JVM, started as {@code ./nd server} starts it (Main on this test classpath), on a free loopback
 * port: for tests that kill a process mid-purchase or run two processes on one database.
 */
public final class ServerProcess implements Api, AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token-for-processes";
    private static final String LISTENING = "listening on ";

    private final Process process;
    private final String baseUrl;
    private final List<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, String baseUrl, List<String> log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /**
     * Starts a server and waits until it listens.
     *
     * @param jvmOptions e.g. {@code -Dnd.faultPoint=purchase.debited}
     * @param args       server options after {@code --port 0 --data-dir DIR}
     */
    public static ServerProcess start(Path dataDir, List<String> jvmOptions, String... args) {
        return start(dataDir, jvmOptions, Map.of(), args);
    }

    /** As {@link #start(Path, List, String...)}, with {@code environment} added to the process's environment. */
    public static ServerProcess start(Path dataDir, List<String> jvmOptions, Map<String, String> environment,
                                      String... args) {
        ProcessBuilder builder = builder(dataDir, jvmOptions, environment, args);
        try {
            Process p = builder.start();
            List<String> log = new CopyOnWriteArrayList<>();
            // A platform thread: a virtual one blocked reading a pipe would hold one of the few carrier threads.
            Thread.ofPlatform().daemon().name("server-process-log").start(() -> collect(p, log));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith(LISTENING)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("The server did not start: " + line + "\n" + String.join("\n", log));
            }
            return new ServerProcess(p, line.substring(LISTENING.length()).strip(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a server process that ended by itself printed: its exit code, stdout and stderr. */
    public record Exit(int code, String stdout, String stderr) {
    }

    /**
     * Starts a server that is expected not to start (a configuration it must refuse) and waits for it to end.
     *
     * @throws IllegalStateException when it is still running after {@code limit} (it is killed)
     */
    public static Exit runToExit(Path dataDir, Map<String, String> environment, Duration limit, String... args) {
        ProcessBuilder builder = builder(dataDir, List.of(), environment, args);
        try {
            Path out = Files.createTempFile("nd-server-stdout-", ".txt");
            Path err = Files.createTempFile("nd-server-stderr-", ".txt");
            try {
                Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("The server process was still running after " + limit + ":\n"
                            + Files.readString(out) + Files.readString(err));
                }
                return new Exit(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder builder(Path dataDir, List<String> jvmOptions, Map<String, String> environment,
                                          String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(Main.class.getName());
        // As ServerConfig.forTests: tests sign up many accounts from one loopback address.
        command.addAll(List.of("--port", "0", "--data-dir", dataDir.toString(), "--signups-per-hour", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("ND_ADMIN_TOKEN", ADMIN_TOKEN);
        env.remove("ND_STRIPE_SECRET_KEY");
        env.remove("ND_TREASURY_PIN");
        env.putAll(environment);
        return builder;
    }

    private static void collect(Process p, List<String> log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public String url(String path) {
        return baseUrl + path;
    }

    @Override
    public HttpClient http() {
        return http;
    }

    /** Waits for the process to end by itself (as at a fault point) and returns its exit code. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The server process did not end within " + limit);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
