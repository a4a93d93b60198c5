package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.server.support.Databases;
import dance.normal.server.support.Devices;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.keys.SoftwareSigner;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign-in and sign-up limits that hold under attack: counted atomically (parallel guesses cannot overshoot), not
 * able to lock an owner out of a device that signed in before, and per address only as far as the server can tell
 * the address (X-Forwarded-For only from a configured proxy). Each test has its own server, so addresses start clean.
 */
class SignInLimitsIT {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void twentyParallelWrongPasswordsAreJudgedExactlyAsOftenAsTheLimit(Databases.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            String email = server.signup("listener").path("me").path("email").asText();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
                for (int i = 0; i < 20; i++) {
                    String guess = "wrong guess " + i;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return login(server, email, guess, null, null).statusCode();
                    }));
                }
                go.countDown();
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }

            assertThat(statuses).filteredOn(s -> s == 401).as("judged").hasSize(AuthService.MAX_FAILURES_PER_ACCOUNT);
            assertThat(statuses).filteredOn(s -> s == 429).as("refused unjudged").hasSize(20
                    - AuthService.MAX_FAILURES_PER_ACCOUNT);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anOwnerWithADeviceProofSignsInWhileStrangersLockTheAccount(Databases.Kind kind) {
        try (TestServer server = TestServer.start(kind, UnaryOperator.identity())) {
            var signedUp = server.signup("listener");
            String email = signedUp.path("me").path("email").asText();
            SoftwareSigner laptop = SoftwareSigner.generate(RANDOM);
            Devices.registered(server, signedUp.path("accessToken").asText(), laptop, "Laptop");
            for (int i = 0; i < AuthService.MAX_FAILURES_PER_ACCOUNT + 3; i++) {
                login(server, email, "stranger's guess " + i, null, null);
            }
            assertProblem(login(server, email, Devices.PASSWORD, null, null), 429, "too-many-requests");

            HttpResponse<String> owner = login(server, email, Devices.PASSWORD,
                    Devices.signInProof(laptop, email, Instant.now()), null);

            assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
            assertThat(TestServer.json(owner).path("me").path("email").asText()).isEqualTo(email);
        }
    }

    @Test
    void aProofThatIsNotTheAccountsOrIsStaleOrForgedDoesNotBypassTheLock() {
        try (TestServer server = TestServer.start()) {
            var signedUp = server.signup("listener");
            String email = signedUp.path("me").path("email").asText();
            SoftwareSigner laptop = SoftwareSigner.generate(RANDOM);
            Devices.registered(server, signedUp.path("accessToken").asText(), laptop, "Laptop");
            var other = server.signup("listener");
            SoftwareSigner othersKey = SoftwareSigner.generate(RANDOM);
            Devices.registered(server, other.path("accessToken").asText(), othersKey, "Not yours");
            for (int i = 0; i < AuthService.MAX_FAILURES_PER_ACCOUNT; i++) {
                login(server, email, "stranger's guess " + i, null, null);
            }

            assertProblem(login(server, email, Devices.PASSWORD,
                    Devices.signInProof(othersKey, email, Instant.now()), null), 429, "too-many-requests");
            assertProblem(login(server, email, Devices.PASSWORD,
                    Devices.signInProof(laptop, email, Instant.now().minus(Duration.ofMinutes(10))), null), 429,
                    "too-many-requests");
            Map<String, Object> forged = new HashMap<>(Devices.signInProof(laptop, "someone-else@example.com",
                    Instant.now()));
            assertProblem(login(server, email, Devices.PASSWORD, forged, null), 429, "too-many-requests");
        }
    }

    @Test
    void wrongPasswordsWithADeviceProofAreLimitedPerDevice() {
        try (TestServer server = TestServer.start()) {
            var signedUp = server.signup("listener");
            String email = signedUp.path("me").path("email").asText();
            SoftwareSigner laptop = SoftwareSigner.generate(RANDOM);
            Devices.registered(server, signedUp.path("accessToken").asText(), laptop, "Laptop");
            for (int i = 0; i < AuthService.MAX_FAILURES_PER_DEVICE; i++) {
                assertProblem(login(server, email, "guess " + i, Devices.signInProof(laptop, email, Instant.now()),
                        null), 401, "invalid-credentials");
            }

            assertProblem(login(server, email, Devices.PASSWORD, Devices.signInProof(laptop, email, Instant.now()),
                    null), 429, "too-many-requests");
        }
    }

    @Test
    void forwardedForIsIgnoredFromAPeerThatIsNotATrustedProxy() {
        try (TestServer server = TestServer.start()) {
            String email = server.signup("listener").path("me").path("email").asText();
            for (int i = 0; i < AuthService.MAX_FAILURES_PER_ADDRESS; i++) {
                assertProblem(login(server, "nobody-" + UUID.randomUUID() + "@example.com", "guess",
                        null, "198.51.100." + i), 401, "invalid-credentials");
            }

            // Claiming yet another address changes nothing: all of it came from 127.0.0.1.
            assertProblem(login(server, email, Devices.PASSWORD, null, "203.0.113.99"), 429, "too-many-requests");
        }
    }

    @Test
    void forwardedForIsHonouredFromATrustedProxy() {
        try (TestServer server = TestServer.start(Databases.Kind.SQLITE,
                c -> c.withAuth(c.auth().withTrustedProxy("127.0.0.0/8")))) {
            String email = server.signup("listener").path("me").path("email").asText();
            for (int i = 0; i < AuthService.MAX_FAILURES_PER_ADDRESS; i++) {
                assertProblem(login(server, "nobody-" + UUID.randomUUID() + "@example.com", "guess",
                        null, "203.0.113.7"), 401, "invalid-credentials");
            }

            assertProblem(login(server, email, Devices.PASSWORD, null, "203.0.113.7"), 429, "too-many-requests");
            // A client cannot escape by writing an address in front: the proxy appended the one it saw.
            assertProblem(login(server, email, Devices.PASSWORD, null, "198.51.100.1, 203.0.113.7"), 429,
                    "too-many-requests");
            HttpResponse<String> elsewhere = login(server, email, Devices.PASSWORD, null, "198.51.100.9");
            assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(200);
        }
    }

    @Test
    void signUpsAreLimitedPerAddress() {
        try (TestServer server = TestServer.start(Databases.Kind.SQLITE,
                c -> c.withAuth(c.auth().withSignupsPerHour(3)))) {
            for (int i = 0; i < 3; i++) {
                server.signup("listener");
            }

            HttpResponse<String> fourth = server.postJson("/api/v1/auth/signup", null, Map.of("email",
                    "one-too-many-" + UUID.randomUUID() + "@example.com", "password", Devices.PASSWORD,
                    "role", "listener"));

            assertProblem(fourth, 429, "too-many-requests");
            assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static HttpResponse<String> login(TestServer server, String email, String password,
                                              Map<String, Object> proof, String forwardedFor) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", password));
        if (proof != null) {
            body.put("deviceProof", proof);
        }
        HttpRequest.Builder b = server.request(LOGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return server.send(b.build());
    }

    private static String write(Object body) {
        try {
            return TestServer.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
