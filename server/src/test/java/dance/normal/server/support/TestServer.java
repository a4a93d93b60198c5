package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.server.NormalDanceServer;
import dance.normal.server.ServerConfig;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Database;
import dance.normal.server.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port with its own temp data dir (SQLite by default, or a fresh PostgreSQL
 * database), plus a plain {@link HttpClient} and small helpers for JSON calls. Close it to stop the server and
 * delete the data dir.
 */
public final class TestServer implements Api, AutoCloseable {

    public static final ObjectMapper JSON = Json.mapper();

    private final Path dataDir;
    private final NormalDanceServer server;
    private final TestClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path dataDir, NormalDanceServer server, TestClock clock) {
        this.dataDir = dataDir;
        this.server = server;
        this.clock = clock;
    }

    public static TestServer start() {
        return start(Databases.Kind.SQLITE, UnaryOperator.identity());
    }

    public static TestServer start(Databases.Kind kind, UnaryOperator<ServerConfig> adjust) {
        return start(kind, adjust, (Function<Database, Chain>) null);
    }

    /**
     * A server whose tokens are kept by {@code chain} (for faults a real chain cannot make on demand); null for the
     * chain the configuration names, as {@code ./nd server} chooses it.
     */
    public static TestServer start(Databases.Kind kind, UnaryOperator<ServerConfig> adjust,
                                   Function<Database, Chain> chain) {
        return start(kind, adjust, chain, null);
    }

    /**
     * As {@link #start(Databases.Kind, UnaryOperator, Function)}, on {@code clock} (null for a {@link TestClock} of
     * its own).
     */
    public static TestServer start(Databases.Kind kind, UnaryOperator<ServerConfig> adjust,
                                   Function<Database, Chain> chain, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("nd-test-");
            ServerConfig config = ServerConfig.forTests(dir);
            if (kind == Databases.Kind.POSTGRES) {
                config = config.withJdbcUrl(Databases.newPostgresDatabase());
            }
            ServerConfig adjusted = adjust.apply(config);
            Function<Database, Chain> c = chain == null ? NormalDanceServer.chainFor(adjusted) : chain;
            TestClock testClock = clock == null ? new TestClock() : null;
            return new TestServer(dir, NormalDanceServer.start(adjusted, c, clock == null ? testClock : clock),
                    testClock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose sessions, tokens and windows are timed by {@code clock}, which the test moves. */
    public static TestServer start(Databases.Kind kind, UnaryOperator<ServerConfig> adjust, Clock clock) {
        return start(kind, adjust, (Function<Database, Chain>) null, clock);
    }

    /** A new server on an existing data dir (SQLite), as after a restart. */
    public static TestServer restart(Path dataDir, UnaryOperator<ServerConfig> adjust) {
        ServerConfig config = adjust.apply(ServerConfig.forTests(dataDir));
        TestClock clock = new TestClock();
        return new TestServer(dataDir, NormalDanceServer.start(config, NormalDanceServer.chainFor(config), clock),
                clock);
    }

    public NormalDanceServer server() {
        return server;
    }

    /**
     * The server's clock: real time, moved on by tests that need time to have passed (plays are paid only for time
     * that has passed). Not there when the test started the server on a clock of its own.
     */
    public TestClock clock() {
        if (clock == null) {
            throw new IllegalStateException("This server runs on the clock its test gave it");
        }
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String url(String path) {
        return server.baseUrl() + path;
    }

    @Override
    public HttpClient http() {
        return http;
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /** The operator's bearer token, as the server made it in its data dir. */
    public String adminToken() {
        try {
            return Files.readString(dataDir.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String listenerToken() {
        return signup("listener").get("accessToken").asText();
    }

    @Override
    public void close() {
        server.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
