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
import java.util.List;
import java.util.Map;

/** A device's key as the app uses it: registered with the account, and signing sign-ins. */
public final class Devices {

    /** The password of every test account. */
    public static final String PASSWORD = "correct horse battery";

    private Devices() {
    }

    /** Registers {@code key} with the account of {@code token}; the answer as the server gave it. */
    public static HttpResponse<String> register(Api server, String token, SoftwareSigner key, String name) {
        return server.postJson("/api/v1/me/devices", token, Map.of("publicKey", address(key), "name", name));
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
