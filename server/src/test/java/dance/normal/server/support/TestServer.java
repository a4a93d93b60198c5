package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.server.NormalDanceServer;
import dance.normal.server.ServerConfig;
import dance.normal.server.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port with its own temp data dir (SQLite by default, or a fresh PostgreSQL
 * database), plus a plain {@link HttpClient} and small helpers for JSON calls. Close it to stop the server and
 * delete the data dir.
 */
public final class TestServer implements AutoCloseable {

    public static final ObjectMapper JSON = Json.mapper();

    private final Path dataDir;
    private final NormalDanceServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path dataDir, NormalDanceServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    public static TestServer start() {
        return start(Databases.Kind.SQLITE, UnaryOperator.identity());
    }

    public static TestServer start(Databases.Kind kind, UnaryOperator<ServerConfig> adjust) {
        try {
            Path dir = Files.createTempDirectory("nd-test-");
            ServerConfig config = ServerConfig.forTests(dir);
            if (kind == Databases.Kind.POSTGRES) {
                config = config.withJdbcUrl(Databases.newPostgresDatabase());
            }
            return new TestServer(dir, NormalDanceServer.start(adjust.apply(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server on an existing data dir (SQLite), as after a restart. */
    public static TestServer restart(Path dataDir, UnaryOperator<ServerConfig> adjust) {
        return new TestServer(dataDir, NormalDanceServer.start(adjust.apply(ServerConfig.forTests(dataDir))));
    }

    public NormalDanceServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return server.baseUrl() + path;
    }

    public HttpClient http() {
        return http;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public HttpResponse<String> postJson(String path, String token, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return send(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /** Signs up a new account and returns its token pair as JSON (accessToken, refreshToken, me). */
    public JsonNode signup(String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.com";
        Map<String, String> body = role.equals("artist")
                ? Map.of("email", email, "password", "correct horse battery", "role", role, "name",
                        "Artist " + email.substring(7, 15))
                : Map.of("email", email, "password", "correct horse battery", "role", role);
        HttpResponse<String> r = postJson("/api/v1/auth/signup", null, body);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Sign-up failed: " + r.statusCode() + " " + r.body());
        }
        return json(r);
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
