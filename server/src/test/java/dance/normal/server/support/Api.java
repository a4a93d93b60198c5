package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A Normal Dance server reached over HTTP on loopback: one in this JVM ({@link TestServer}) or a separate process. */
public interface Api {

    String url(String path);

    HttpClient http();

    default HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    }

    default HttpResponse<String> send(HttpRequest request) {
        try {
            return http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    default HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    default HttpResponse<String> postJson(String path, String token, Object body) {
        try {
            String text = body instanceof String s ? s : TestServer.JSON.writeValueAsString(body);
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

    /** Signs up a new account and returns its token pair as JSON (accessToken, refreshToken, me). */
    default JsonNode signup(String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.com";
        Map<String, String> body = role.equals("artist")
                ? Map.of("email", email, "password", "correct horse battery", "role", role, "name",
                        "Artist " + email.substring(7, 15))
                : Map.of("email", email, "password", "correct horse battery", "role", role);
        HttpResponse<String> r = postJson("/api/v1/auth/signup", null, body);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Sign-up failed: " + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }
}
