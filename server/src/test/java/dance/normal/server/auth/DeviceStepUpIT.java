package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Devices;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adding a signing key needs more than an access token: proof that the caller holds the new key (its signature of a
 * fresh, single-use challenge naming the account) and a step-up (the password, or a registered device's signature).
 * Devices can be listed and removed. The server's clock is the test's, so a challenge can expire.
 */
class DeviceStepUpIT {

    private static final String DEVICES = "/api/v1/me/devices";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TestClock CLOCK = new TestClock();

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theChallengeIsAnOffchainMessageNamingTheAccountAndTheNewKey() {
        JsonNode account = server.signup("listener");
        SoftwareSigner key = SoftwareSigner.generate(RANDOM);

        JsonNode challenge = Devices.challenge(server, account.path("accessToken").asText(), key);

        OffchainMessage message = OffchainMessage.decode(Base64.getDecoder().decode(challenge.path("message")
                .asText()));
        assertThat(message.applicationDomain()).isEqualTo(TokenMessages.applicationDomain());
        assertThat(message.signers()).containsExactly(Address.of(Devices.address(key)));
        assertThat(message.text()).contains(account.path("me").path("email").asText())
                .contains(account.path("me").path("id").asText())
                .contains(challenge.path("challengeId").asText());
    }

    @Test
    void aChallengeCanBeAskedWithoutABodyAndStillProvesTheKey() {
        String token = server.listenerToken();
        HttpResponse<String> r = server.send(server.request(DEVICES + "/challenge")
                .header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        SoftwareSigner key = SoftwareSigner.generate(RANDOM);

        HttpResponse<String> added = server.postJson(DEVICES, token, Devices.request(key, TestServer.json(r),
                Devices.PASSWORD, "No body"));

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    @Test
    void anAccessTokenAloneCannotAddAKey() {
        String token = server.listenerToken();
        SoftwareSigner key = SoftwareSigner.generate(RANDOM);

        assertProblem(server.postJson(DEVICES, token, Map.of("publicKey", Devices.address(key))), 422, "validation");
        Map<String, Object> noPassword = Devices.request(key, Devices.challenge(server, token, key), null, "Thief");
        assertProblem(server.postJson(DEVICES, token, noPassword), 422, "validation");
        Map<String, Object> wrongPassword = Devices.request(key, Devices.challenge(server, token, key),
                "a guessed password", "Thief");
        assertProblem(server.postJson(DEVICES, token, wrongPassword), 403, "invalid-credentials");

        assertThat(devices(token)).isEmpty();
    }

    @Test
    void theNewKeyMustSignTheChallenge() {
        String token = server.listenerToken();
        SoftwareSigner key = SoftwareSigner.generate(RANDOM);
        SoftwareSigner other = SoftwareSigner.generate(RANDOM);
        JsonNode challenge = Devices.challenge(server, token, key);
        Map<String, Object> body = new HashMap<>(Devices.request(key, challenge, Devices.PASSWORD, "Laptop"));
        body.put("signature", Devices.signChallenge(other, challenge));

        assertProblem(server.postJson(DEVICES, token, body), 403, "signature-invalid");
        assertThat(devices(token)).isEmpty();
    }

    @Test
    void aChallengeIsUsedOnceIsForItsAccountAndKeyAndExpires() {
        JsonNode alice = server.signup("listener");
        String token = alice.path("accessToken").asText();
        String bob = server.listenerToken();
        SoftwareSigner key = SoftwareSigner.generate(RANDOM);

        JsonNode used = Devices.challenge(server, token, key);
        assertThat(server.postJson(DEVICES, token, Devices.request(key, used, Devices.PASSWORD, "A"))
                .statusCode()).isEqualTo(201);
        SoftwareSigner second = SoftwareSigner.generate(RANDOM);
        JsonNode secondsChallenge = Devices.challenge(server, token, second);
        assertProblem(server.postJson(DEVICES, token, Devices.request(second,
                withId(secondsChallenge, used.path("challengeId").asText()), Devices.PASSWORD, "B")), 403,
                "forbidden");

        JsonNode bobs = Devices.challenge(server, bob, second);
        assertProblem(server.postJson(DEVICES, token, Devices.request(second, bobs, Devices.PASSWORD, "B")), 403,
                "forbidden");

        SoftwareSigner third = SoftwareSigner.generate(RANDOM);
        assertProblem(server.postJson(DEVICES, token, Devices.request(third, secondsChallenge, Devices.PASSWORD,
                "C")), 403, "forbidden");

        JsonNode stale = Devices.challenge(server, token, third);
        CLOCK.advance(AuthService.CHALLENGE_TTL.plusSeconds(1));
        assertProblem(server.postJson(DEVICES, token, Devices.request(third, stale, Devices.PASSWORD, "C")), 403,
                "forbidden");

        assertThat(devices(token)).extracting(d -> d.path("name").asText()).containsExactly("A");
    }

    @Test
    void aRegisteredDeviceCanApproveInsteadOfThePassword() {
        String token = server.listenerToken();
        SoftwareSigner laptop = SoftwareSigner.generate(RANDOM);
        Devices.registered(server, token, laptop, "Laptop");
        SoftwareSigner phone = SoftwareSigner.generate(RANDOM);
        SoftwareSigner stranger = SoftwareSigner.generate(RANDOM);

        JsonNode refused = Devices.challenge(server, token, phone);
        Map<String, Object> byStranger = new HashMap<>(Devices.request(phone, refused, null, "Phone"));
        byStranger.put("approverKey", Devices.address(stranger));
        byStranger.put("approverSignature", Devices.signChallenge(stranger, refused));
        assertProblem(server.postJson(DEVICES, token, byStranger), 403, "signature-invalid");

        JsonNode challenge = Devices.challenge(server, token, phone);
        Map<String, Object> body = new HashMap<>(Devices.request(phone, challenge, null, "Phone"));
        body.put("approverKey", Devices.address(laptop));
        body.put("approverSignature", Devices.signChallenge(laptop, challenge));
        HttpResponse<String> r = server.postJson(DEVICES, token, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(devices(token)).extracting(d -> d.path("name").asText())
                .containsExactlyInAnyOrder("Laptop", "Phone");
    }

    @Test
    void wrongStepUpPasswordsAreLimited() {
        String token = server.listenerToken();
        SoftwareSigner key = SoftwareSigner.generate(RANDOM);
        for (int i = 0; i < AuthService.MAX_FAILURES_PER_ACCOUNT; i++) {
            assertProblem(server.postJson(DEVICES, token, Devices.request(key, Devices.challenge(server, token, key),
                    "guess number " + i, "Thief")), 403, "invalid-credentials");
        }

        assertProblem(server.postJson(DEVICES, token, Devices.request(key, Devices.challenge(server, token, key),
                Devices.PASSWORD, "Thief")), 429, "too-many-requests");
    }

    @Test
    void devicesAreListedAndRemovedOnlyByTheirAccount() {
        String token = server.listenerToken();
        String other = server.listenerToken();
        JsonNode kept = Devices.registered(server, token, SoftwareSigner.generate(RANDOM), "Kept");
        JsonNode removed = Devices.registered(server, token, SoftwareSigner.generate(RANDOM), "Removed");
        assertThat(devices(token)).hasSize(2);

        assertProblem(delete(other, removed.path("id").asText()), 404, "not-found");
        assertThat(devices(token)).hasSize(2);
        assertThat(delete(token, removed.path("id").asText()).statusCode()).isEqualTo(204);

        assertThat(devices(token)).extracting(d -> d.path("id").asText()).containsExactly(kept.path("id").asText());
        assertThat(TestServer.json(server.get("/api/v1/me", token)).path("devices")).hasSize(1);
        assertProblem(delete(token, removed.path("id").asText()), 404, "not-found");
    }

    private static HttpResponse<String> delete(String token, String id) {
        return server.send(server.request(DEVICES + "/" + id).header("Authorization", "Bearer " + token)
                .DELETE().build());
    }

    private static List<JsonNode> devices(String token) {
        HttpResponse<String> r = server.get(DEVICES, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> list = new java.util.ArrayList<>();
        TestServer.json(r).forEach(list::add);
        return list;
    }

    private static JsonNode withId(JsonNode challenge, String id) {
        return TestServer.JSON.createObjectNode().put("challengeId", id)
                .put("message", challenge.path("message").asText());
    }
}
