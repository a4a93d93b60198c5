package dance.normal.sync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.Role;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a session ends, and how it does not, between the real client and the real server on loopback, with the
 * server's clock moved by the test: sign-out ends it on the server (refreshing afterwards is refused), also after
 * the access token expired; a crash between a refresh and saving its answer does not.
 */
class SessionEndIT {

    private final TestClock clock = new TestClock();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity(), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        TokenStore tokens = TokenStore.inMemory();
        try (ApiClient api = new ApiClient(URI.create(server.url("/")), tokens)) {
            TokenPair pair = api.signUp(newListener());

            api.signOut();

            assertThat(tokens.current()).isEmpty();
            assertThat(refresh(pair.refreshToken()).statusCode()).isEqualTo(401);
            assertThat(server.get("/api/v1/me", pair.accessToken()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void signOutAfterTheAccessTokenExpiredStillEndsTheSession() {
        TokenStore tokens = TokenStore.inMemory();
        try (ApiClient api = new ApiClient(URI.create(server.url("/")), tokens)) {
            TokenPair pair = api.signUp(newListener());
            clock.advance(Duration.ofMinutes(16));
            assertThat(server.get("/api/v1/me", pair.accessToken()).statusCode()).as("expired").isEqualTo(401);

            api.signOut();

            assertThat(refresh(pair.refreshToken()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aCrashBeforeTheRefreshedTokensWereSavedDoesNotSignTheListenerOut() {
        CrashingStore disk = new CrashingStore();
        TokenPair before;
        try (ApiClient api = new ApiClient(URI.create(server.url("/")), disk)) {
            before = api.signUp(newListener());
            clock.advance(Duration.ofMinutes(16));
            disk.crashOnNextSave = true;

            // The server rotates the refresh token; the process dies before the answer is on disk.
            assertThatThrownBy(api::me).isInstanceOf(IllegalStateException.class).hasMessageContaining("crash");
        }
        assertThat(disk.current()).contains(before);
        clock.advance(Duration.ofSeconds(5));

        // The next start has only the spent token; within the grace it continues the same session.
        try (ApiClient restarted = new ApiClient(URI.create(server.url("/")), disk)) {
            assertThat(restarted.me().id()).isEqualTo(before.me().id());
        }
        assertThat(disk.current()).get().extracting(TokenPair::refreshToken).isNotEqualTo(before.refreshToken());
    }

    private HttpResponse<String> refresh(String token) {
        return server.postJson("/api/v1/auth/refresh", null, Map.of("refreshToken", token));
    }

    private static SignupRequest newListener() {
        return new SignupRequest("listener-" + UUID.randomUUID() + "@example.com",
                "correct horse battery".toCharArray(), Role.LISTENER, null);
    }

    /** What is on disk; the process "dies" in the save it is told to (a fault a real disk does not make on demand). */
    private static final class CrashingStore implements TokenStore {
        private volatile TokenPair saved;
        volatile boolean crashOnNextSave;

        @Override
        public Optional<TokenPair> current() {
            return Optional.ofNullable(saved);
        }

        @Override
        public void save(TokenPair tokens) {
            if (crashOnNextSave) {
                crashOnNextSave = false;
                throw new IllegalStateException("crash before the new tokens reached the disk");
            }
            saved = tokens;
        }

        @Override
        public void clear() {
            saved = null;
        }
    }
}
