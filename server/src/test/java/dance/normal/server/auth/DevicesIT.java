package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Devices;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.keys.SoftwareSigner;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registering a device's wallet public key: real Ed25519 keys, base58 as Solana writes them, added as the app adds
 * them (challenge, the key's signature, the password; see DeviceStepUpIT for what is refused). The server must take
 * public keys only, so anything that is not exactly 32 bytes of base58 is refused.
 */
class DevicesIT {

    private static final String DEVICES = "/api/v1/me/devices";
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static TestServer server;
    /** An account that is only ever sent invalid keys, so it must never have a device. */
    private static String refusedAccount;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        refusedAccount = server.listenerToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void deviceWithAnEd25519PublicKeyIsRegisteredAndListedInMe() throws Exception {
        String token = server.listenerToken();
        SoftwareSigner key = SoftwareSigner.generate(new SecureRandom());
        String publicKey = Devices.address(key);

        HttpResponse<String> r = Devices.register(server, token, key, "Living room");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode device = TestServer.json(r);
        assertThat(device.path("id").asText()).isNotBlank();
        assertThat(device.path("publicKey").asText()).isEqualTo(publicKey);
        assertThat(device.path("name").asText()).isEqualTo("Living room");
        assertThat(Instant.parse(device.path("registeredAt").asText())).isBeforeOrEqualTo(Instant.now());

        JsonNode devices = TestServer.json(server.get("/api/v1/me", token)).path("devices");
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).path("id").asText()).isEqualTo(device.path("id").asText());
        assertThat(devices.get(0).path("publicKey").asText()).isEqualTo(publicKey);
    }

    @Test
    void aKeyWithLeadingZeroBytesIsAcceptedToo() {
        String token = server.listenerToken();
        // The caller must sign with the key, so search for one whose public key starts with a zero byte.
        SecureRandom random = new SecureRandom();
        SoftwareSigner key = SoftwareSigner.generate(random);
        while (key.publicKey()[0] != 0) {
            key = SoftwareSigner.generate(random);
        }
        String publicKey = Devices.address(key);
        assertThat(publicKey).startsWith("1");
        assertThat(publicKey).isEqualTo(base58(key.publicKey()));

        HttpResponse<String> r = server.postJson(DEVICES, token, Devices.request(key,
                Devices.challenge(server, token, key), Devices.PASSWORD, ""));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.json(r).path("name").asText()).as("a default name").isNotBlank();
    }

    @Test
    void registeringTheSameKeyAgainIsIdempotent() throws Exception {
        String token = server.listenerToken();
        SoftwareSigner key = SoftwareSigner.generate(new SecureRandom());
        JsonNode first = TestServer.json(Devices.register(server, token, key, "Laptop"));

        HttpResponse<String> again = Devices.register(server, token, key, "Laptop");

        assertThat(again.statusCode()).as(again.body()).isIn(200, 201);
        assertThat(TestServer.json(again).path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(TestServer.json(server.get("/api/v1/me", token)).path("devices")).hasSize(1);
    }

    @Test
    void eachAccountHasItsOwnDevices() throws Exception {
        String alice = server.listenerToken();
        String bob = server.listenerToken();
        Devices.registered(server, alice, SoftwareSigner.generate(new SecureRandom()), "Alice's phone");
        Devices.registered(server, alice, SoftwareSigner.generate(new SecureRandom()), "Alice's TV");

        assertThat(TestServer.json(server.get("/api/v1/me", alice)).path("devices")).hasSize(2);
        assertThat(TestServer.json(server.get("/api/v1/me", bob)).path("devices")).isEmpty();
    }

    static List<String> invalidKeys() {
        SecureRandom random = new SecureRandom();
        byte[] short31 = new byte[31];
        byte[] long33 = new byte[33];
        byte[] secret64 = new byte[64];
        random.nextBytes(short31);
        random.nextBytes(long33);
        random.nextBytes(secret64);
        short31[0] = 1;
        long33[0] = 1;
        secret64[0] = 1;
        String valid = base58(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
            22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        return List.of(
                "",
                "   ",
                "not base58 at all",
                valid.substring(0, 20) + "0OIl" + valid.substring(24),
                valid.replace(valid.charAt(3), '+'),
                Base64.getEncoder().encodeToString(long33),
                base58(short31),
                base58(long33),
                base58(secret64),
                "' OR 1=1 --",
                "../../etc/passwd",
                "1".repeat(1000));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void invalidPublicKeyIsAValidationErrorAndNothingIsStored(String key) {
        JsonNode problem = assertProblem(server.postJson(DEVICES, refusedAccount, Map.of("publicKey", key)), 422,
                "validation");

        assertThat(problem.path("detail").asText()).contains("publicKey").contains("32");
        assertThat(TestServer.json(server.get("/api/v1/me", refusedAccount)).path("devices")).isEmpty();
    }

    @Test
    void missingPublicKeyIsAValidationError() {
        assertProblem(server.postJson(DEVICES, refusedAccount, Map.of("name", "No key")), 422, "validation");
    }

    @Test
    void deviceNameLongerThan100CharactersIsAValidationError() throws Exception {
        JsonNode problem = assertProblem(server.postJson(DEVICES, refusedAccount,
                Map.of("publicKey", base58(newEd25519PublicKey()), "name", "n".repeat(101))), 422, "validation");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("name");
    }

    @Test
    void registeringADeviceNeedsASignedInAccount() throws Exception {
        assertProblem(server.postJson(DEVICES, null, Map.of("publicKey", base58(newEd25519PublicKey()))), 401,
                "unauthenticated");
    }

    @Test
    void malformedDeviceBodyIsABadRequest() {
        assertProblem(server.postJson(DEVICES, refusedAccount, "{\"publicKey\":"), 400, "bad-request");
        assertProblem(server.postJson(DEVICES, refusedAccount, "[\"key\"]"), 400, "bad-request");
        assertProblem(server.postJson(DEVICES, refusedAccount, "{\"publicKey\":{\"x\":1}}"), 400, "bad-request");
    }

    @Test
    void theServerStoresTheKeyAsSentAndHasNowhereToKeepASecret() throws Exception {
        JsonNode pair = server.signup("listener");
        String token = pair.path("accessToken").asText();
        SoftwareSigner key = SoftwareSigner.generate(new SecureRandom());
        String publicKey = Devices.address(key);
        assertThat(Devices.register(server, token, key, "Desk").statusCode()).isEqualTo(201);

        try (Connection c = DriverManager.getConnection(
                "jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db"))) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "devices", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            assertThat(columns).contains("public_key")
                    .noneMatch(col -> col.contains("secret") || col.contains("private") || col.contains("seed"));
            Map<String, String> stored = storedKeys(c, pair.path("me").path("id").asText());
            assertThat(stored).containsExactly(Map.entry("Desk", publicKey));
        }
    }

    // ---- helpers

    private static Map<String, String> storedKeys(Connection c, String accountId) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, public_key FROM devices WHERE account_id = ?")) {
            s.setString(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return keys;
    }

    /** The raw 32 bytes of a new Ed25519 public key: the last 32 bytes of its X.509 encoding. */
    private static byte[] newEd25519PublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        assertThat(encoded).hasSize(44);
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** Bitcoin-alphabet base58, as Solana writes keys: each leading zero byte becomes a '1'. */
    static String base58(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(58);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }
}
