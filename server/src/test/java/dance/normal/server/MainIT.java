package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as {@code ./nd server} runs it: a separate JVM started through {@link Main}. Scripts and the app read
 * the first stdout line to find the URL; a bad command line exits with code 2 and says why on stderr.
 */
class MainIT {

    private static final Pattern LISTENING = Pattern.compile("^listening on (http://127\\.0\\.0\\.1:(\\d+))$");

    private Path dataDir;
    private Process process;

    @BeforeEach
    void makeDataDir() throws IOException {
        dataDir = Files.createTempDirectory("nd-main-it-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void serverPrintsItsUrlFirstAndAnswersThere() throws Exception {
        process = launch("-Dlogback.configurationFile=logback.xml", "--port", "0", "--data-dir", dataDir.toString());
        List<String> stderr = new CopyOnWriteArrayList<>();
        Thread reader = drain(process, stderr);

        String first = firstLine(process);

        Matcher m = LISTENING.matcher(first);
        assertThat(m.matches()).as("first stdout line: %s (stderr: %s)", first, stderr).isTrue();
        assertThat(Integer.parseInt(m.group(2))).isBetween(1, 65535);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(health).path("status").asText()).isEqualTo("up");
        assertThat(Files.exists(dataDir.resolve("normal-dance.db"))).as("the database is in --data-dir").isTrue();

        // Logs are JSON lines on stderr, and a request's lines carry its id.
        http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/v1/tracks"))
                .header("X-Request-Id", "main-it-request-1").build(), HttpResponse.BodyHandlers.ofString());
        // The access line is written once the answer has gone out: wait for it rather than race it with SIGTERM.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stderr.stream().noneMatch(line -> line.contains("main-it-request-1")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        process.destroy();
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        // The process has ended; its last lines may still be on their way through the pipe.
        reader.join(Duration.ofSeconds(10));
        // The JVM's own launcher warnings ("WARNING: ...") are not the server's to format.
        List<String> logLines = stderr.stream().filter(line -> !line.startsWith("WARNING: ")).toList();
        assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(TestServer.JSON.readTree(line).isObject())
                .as("JSON log line: %s", line).isTrue());
        assertThat(stderr).anySatisfy(line -> {
            JsonNode json = TestServer.JSON.readTree(line);
            assertThat(json.toString()).contains("main-it-request-1").contains("/api/v1/tracks");
        });
    }

    /** With {@code --tls self-signed} the second line is the certificate's fingerprint, for listeners to compare. */
    @Test
    void aSelfSignedServerPrintsItsCertificatesFingerprintAfterItsUrl() throws Exception {
        process = launch("--port", "0", "--data-dir", dataDir.toString(), "--tls", "self-signed");
        List<String> stderr = new CopyOnWriteArrayList<>();
        drain(process, stderr);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(String.valueOf(out.readLine()), String.valueOf(out.readLine()));
            } catch (IOException e) {
                return List.<String>of();
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(lines).as("stdout (stderr: %s)", stderr).hasSize(2);
        assertThat(lines.get(0)).startsWith("listening on https://127.0.0.1:");
        java.security.cert.X509Certificate cert;
        try (var in = Files.newInputStream(dataDir.resolve(dance.normal.server.http.TlsKeys.DIR)
                .resolve(dance.normal.server.http.TlsKeys.SELF_SIGNED_CERT))) {
            cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
        assertThat(lines.get(1)).isEqualTo("certificate SHA-256 fingerprint "
                + dance.normal.server.http.TlsKeys.fingerprint(cert));
        assertThat(lines.get(1)).matches("certificate SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void portThatIsNotANumberExitsWithCode2AndSaysWhy() throws Exception {
        process = launch("--port", "abc", "--data-dir", dataDir.toString());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("--port").contains("abc").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unknownOptionExitsWithCode2AndSaysWhy() throws Exception {
        process = launch("--frobnicate", "--data-dir", dataDir.toString());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("--frobnicate").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void solanaModeWithoutAnRpcUrlExitsWithCode2AndSaysWhatIsMissing() throws Exception {
        process = launch("--chain", "solana", "--data-dir", dataDir.toString());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("--chain solana needs --rpc URL").doesNotContain("\tat ");
    }

    @Test
    void theTestCardInSolanaModeExitsWithCode2UnlessTestMoneyIsAllowed() throws Exception {
        process = launch("--chain", "solana", "--rpc", "http://127.0.0.1:9", "--data-dir", dataDir.toString());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("test-card").contains("--allow-test-money").doesNotContain("\tat ");
    }

    @Test
    void optionWithoutItsValueExitsWithCode2() throws Exception {
        process = launch("--data-dir");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("--data-dir");
    }

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", // as ./nd starts it: SQLite loads its native library
                "-cp", System.getProperty("java.class.path")));
        int i = 0;
        while (i < args.length && args[i].startsWith("-D")) {
            command.add(args[i++]);
        }
        command.add(Main.class.getName());
        command.addAll(List.of(args).subList(i, args.length));
        return new ProcessBuilder(command).start();
    }

    /** Collects stderr lines in the background, so a chatty server never blocks on a full pipe. */
    /** Reads the process's stderr into {@code lines} until it ends; join the thread to have every line. */
    private static Thread drain(Process p, List<String> lines) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("a first line on stdout").isNotNull();
        return line;
    }
}
