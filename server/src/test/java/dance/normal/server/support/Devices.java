package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.auth.AuthMessages;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A device's key as the app uses it: registered with the account, and signing sign-ins. */
public final class Devices {

    /** The password of every test account. */
    public static final String PASSWORD = "correct horse battery";

    private Devices() {
    }

    /**
     * Registers {@code key} with the account of {@code token} as the app does: a challenge naming the key, the key's
     * signature of it, and the account's password as the step-up. The answer as the server gave it.
     */
    public static HttpResponse<String> register(Api server, String token, SoftwareSigner key, String name) {
        return server.postJson("/api/v1/me/devices", token, request(key, challenge(server, token, key), PASSWORD,
                name));
    }

    /** A challenge for adding {@code key} (named in it) to the account of {@code token}. */
    public static JsonNode challenge(Api server, String token, SoftwareSigner key) {
        HttpResponse<String> r = server.postJson("/api/v1/me/devices/challenge", token,
                Map.of("publicKey", address(key)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("No device challenge: " + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }

    /** The body that adds {@code key}: its signature of the challenge's message bytes, with the password. */
    public static Map<String, Object> request(SoftwareSigner key, JsonNode challenge, String password, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("publicKey", address(key));
        body.put("name", name);
        body.put("challengeId", challenge.path("challengeId").asText());
        body.put("signature", signChallenge(key, challenge));
        if (password != null) {
            body.put("password", password);
        }
        return body;
    }

    /** {@code key}'s base58 signature of the challenge message's bytes. */
    public static String signChallenge(SoftwareSigner key, JsonNode challenge) {
        return Base58.encode(key.sign(Base64.getDecoder().decode(challenge.path("message").asText())));
    }

    /** Registers {@code key} and insists it worked; the device as JSON. */
    public static JsonNode registered(Api server, String token, SoftwareSigner key, String name) {
        HttpResponse<String> r = register(server, token, key, name);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IllegalStateException("Device registration failed: " + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }

    /** The sign-in proof {@code key} makes for {@code email} at {@code at}. */
    public static Map<String, Object> signInProof(SoftwareSigner key, String email, Instant at) {
        return Map.of("publicKey", address(key), "signedAt", at.toString(),
                "signature", Base58.encode(key.sign(message(key, AuthMessages.signIn(email, at)))));
    }

    /** The bytes {@code key} signs for {@code text}: a Solana off-chain message under our application domain. */
    public static byte[] message(SoftwareSigner key, String text) {
        return OffchainMessage.create(TokenMessages.applicationDomain(), List.of(Address.of(address(key))), text)
                .serialize();
    }

    public static String address(SoftwareSigner key) {
        return Base58.encode(key.publicKey());
    }
}
