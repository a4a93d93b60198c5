package dance.normal.server.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.CannotStartException;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.ServerProcess;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.SecretLeakExtension;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Pkcs11Signer;
import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.keys.SoftHsm;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.Instructions;
import dance.normal.wallet.solana.LiteSvm;
import dance.normal.wallet.solana.Programs;
import dance.normal.wallet.solana.SolanaRpc;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Solana treasury key in an HSM ({@code --treasury-pkcs11}): a throw-away SoftHSM2 token holds it, the real
 * Solana runtime (litesvm behind its JSON-RPC shim) takes what it signs, and the server refuses to start, saying
 * why, when the module, token, slot, key or PIN is wrong. The PIN is watched by {@link SecretLeakExtension} in every
 * log line and exception of this JVM and in everything the server processes print, at TRACE level.
 */
@ExtendWith(SecretLeakExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TreasuryHsmIT {

    private static final String TOKEN = "nd-treasury";
    private static final String KEY = "treasury";
    private static final Duration EXIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static SoftHsm hsm;
    private static char[] pin;
    private static Path pinFile;
    private static byte[] hsmKey;

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    private LiteSvm svm;
    private TestServer server;

    @BeforeAll
    static void makeTokenAndKey() throws Exception {
        pin = randomPin();
        SecretLeakExtension.watchText("the HSM user PIN", pin);
        hsm = SoftHsm.create(dir, TOKEN, new String(pin), new String(randomPin()), "TreasuryHsmIT");
        try (Pkcs11Signer key = Pkcs11Signer.generate(SoftHsm.MODULE, TOKEN, pin.clone(), KEY)) {
            hsmKey = key.publicKey();
        }
        pinFile = Files.createFile(dir.resolve("treasury.pin"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(pinFile, (new String(pin) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (svm != null) {
            svm.close();
        }
    }

    @Test
    void aPurchaseLandsSignedByTheHsmKeyWhichTheAdminRouteReportsAsTheTreasury() throws Exception {
        svm = LiteSvm.start();
        TreasuryPkcs11 inHsm = new TreasuryPkcs11(Path.of(SoftHsm.MODULE), Optional.of(TOKEN), OptionalLong.empty(),
                KEY, Optional.of(pinFile));
        server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money()
                .withChain("solana", Optional.of(svm.endpoint())).withTreasuryPkcs11(inHsm))));
        String admin = Files.readString(server.dataDir().resolve("admin-token")).strip();
        JsonNode chain = TestServer.json(server.get("/api/v1/admin/chain", admin));
        assertThat(chain.get("mode").asText()).isEqualTo("solana");
        assertThat(chain.get("treasury").asText()).isEqualTo(Base58.encode(hsmKey));

        Market m = Market.open(server, 100, 250_000, 1_000, null);
        Address mint = Address.of(m.offering().get("mint").asText());
        assertThat(mintAuthority(mint)).as("the mint authority is the HSM key").isEqualTo(hsmKey);
        assertThat(Address.of(m.offering().get("treasury").asText())).isEqualTo(
                Instructions.associatedTokenAddress(Programs.TOKEN, Address.of(hsmKey), mint));
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(5_000_000);

        HttpResponse<String> bought = buyer.buy(m.trackId(), 3);

        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        String signature = TestServer.json(bought).get("chainRef").asText();
        assertThat(svm.rpc().getSignatureStatus(signature)).hasValueSatisfying(s ->
                assertThat(s.succeeded()).isTrue());
        assertThat(svm.rpc().getTokenAccountBalance(Instructions.associatedTokenAddress(Programs.TOKEN,
                Address.of(buyer.address()), mint))).isEqualTo(new SolanaRpc.TokenAmount(3, 0));
        // The landed transaction's one signature is the HSM key's, over the message the runtime executed.
        byte[] wire = Base64.getDecoder().decode(deliveredWire(server.dataDir(), signature));
        assertThat(wire[0]).as("one signer: the treasury").isEqualTo((byte) 1);
        byte[] sig = Arrays.copyOfRange(wire, 1, 65);
        assertThat(Base58.encode(sig)).isEqualTo(signature);
        assertThat(Signatures.verify(hsmKey, Arrays.copyOfRange(wire, 65, wire.length), sig)).isTrue();
        assertThat(server.dataDir().resolve("chain").resolve("treasury.wallet.json"))
                .as("no treasury key file is made when the key is in the HSM").doesNotExist();
    }

    @Test
    void aServerProcessSignsThroughTheHsmWithThePinFromItsEnvironmentAndNeverLogsIt() throws Exception {
        svm = LiteSvm.start();
        Path data = Files.createDirectory(dir.resolve("process-data"));
        List<String> log;
        // The server's own logging set-up (JSON lines, level from ND_LOG_LEVEL), not the tests' one.
        try (ServerProcess process = ServerProcess.start(data, List.of("-Dlogback.configurationFile=logback.xml"),
                environment(pin),
                "--chain", "solana", "--rpc", svm.endpoint().toString(), "--allow-test-money",
                "--treasury-pkcs11", "module=" + SoftHsm.MODULE + ",token=" + TOKEN + ",label=" + KEY)) {
            JsonNode chain = TestServer.json(process.get("/api/v1/admin/chain", ServerProcess.ADMIN_TOKEN));
            assertThat(chain.get("treasury").asText()).isEqualTo(Base58.encode(hsmKey));
            Market m = Market.open(process, 10, 10_000, 0, null);
            Buyer buyer = Buyer.signUp(process);
            buyer.fund(1_000_000);
            HttpResponse<String> bought = buyer.buy(m.trackId(), 2);
            assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
            assertThat(svm.rpc().getSignatureStatus(TestServer.json(bought).get("chainRef").asText()))
                    .hasValueSatisfying(s -> assertThat(s.succeeded()).isTrue());
            MoneyInvariants.check(process, ServerProcess.ADMIN_TOKEN);
            process.close();
            log = process.log();
        }
        String all = String.join("\n", log);
        SecretLeakExtension.recordOutput(all);
        assertThat(all).as("the process opened the token and logged at every level").contains("PKCS#11 signer opened")
                .contains("\"level\":\"TRACE\"");
        assertThat(SecretLeakExtension.leaksIn(all)).isEmpty();
    }

    @Test
    void theServerRefusesToStartWhenTheModuleTokenSlotKeyOrPinIsWrongAndSaysWhich() throws Exception {
        Path module = Path.of(SoftHsm.MODULE);
        Optional<String> token = Optional.of(TOKEN);
        OptionalLong noSlot = OptionalLong.empty();
        Optional<Path> goodPin = Optional.of(pinFile);

        assertRefused(new TreasuryPkcs11(module, Optional.of("no-such-token"), noSlot, KEY, goodPin),
                "No PKCS#11 token labelled 'no-such-token' (tokens: '" + TOKEN + "' in slot");
        assertRefused(new TreasuryPkcs11(module, Optional.empty(), OptionalLong.of(7), KEY, goodPin),
                "No PKCS#11 token in slot 7 (tokens: '" + TOKEN + "' in slot");
        assertRefused(new TreasuryPkcs11(module, token, noSlot, "no-such-key", goodPin),
                "No EdDSA private key labelled 'no-such-key'");
        assertRefused(new TreasuryPkcs11(dir.resolve("no-such-module.so"), token, noSlot, KEY, goodPin),
                "Cannot load the PKCS#11 module");
        Path wrongPin = Files.write(dir.resolve("wrong.pin"), new String(randomPin()).getBytes(StandardCharsets.UTF_8));
        assertRefused(new TreasuryPkcs11(module, token, noSlot, KEY, Optional.of(wrongPin)), "CKR_PIN_INCORRECT");
        assertRefused(new TreasuryPkcs11(module, token, noSlot, KEY, Optional.of(dir.resolve("no-such.pin"))),
                "Cannot read the treasury PIN file");
    }

    @Test
    void aServerProcessGivenAWrongPinExitsWithASentenceAndNoStackTrace() throws Exception {
        Path data = Files.createDirectory(dir.resolve("refused-data"));
        ServerProcess.Exit exit = ServerProcess.runToExit(data, environment(randomPin()), EXIT, "--chain", "solana",
                "--rpc", "http://127.0.0.1:9", "--allow-test-money", // the cluster is never reached: the key is first
                "--treasury-pkcs11", "module=" + SoftHsm.MODULE + ",token=" + TOKEN + ",label=" + KEY);
        SecretLeakExtension.recordOutput(exit.stdout() + exit.stderr());

        assertThat(exit.code()).as("exit code; stderr: %s", exit.stderr()).isEqualTo(1);
        assertThat(exit.stdout()).as("no 'listening on' line").doesNotContain("listening on");
        assertThat(exit.stderr()).contains("The server cannot start: The treasury key in the HSM cannot be used: "
                + "PKCS#11 token '" + TOKEN + "', key '" + KEY + "': CKR_PIN_INCORRECT. Check --treasury-pkcs11 ")
                .contains("and the PIN in " + TreasuryPkcs11.PIN_VARIABLE).doesNotContain("\tat ");
        assertThat(SecretLeakExtension.leaksIn(exit.stdout() + exit.stderr())).isEmpty();
    }

    private static void assertRefused(TreasuryPkcs11 hsm, String reason) {
        assertThatThrownBy(() -> TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money()
                .withChain("solana", Optional.of(URI.create("http://127.0.0.1:9"))).withTreasuryPkcs11(hsm))))
                .isInstanceOfSatisfying(CannotStartException.class, e -> assertThat(SecretLeakExtension.record(e)
                        .getMessage()).contains(reason).contains("Check --treasury-pkcs11 " + hsm.describe()));
    }

    private static Map<String, String> environment(char[] userPin) {
        return Map.of("SOFTHSM2_CONF", hsm.confFile().toString(), "ND_TREASURY_PIN", new String(userPin),
                "ND_LOG_LEVEL", "TRACE");
    }

    private byte[] mintAuthority(Address mint) {
        byte[] data = svm.rpc().getAccountInfo(mint).orElseThrow().data();
        assertThat(data[0]).as("the mint has an authority (COption::Some)").isEqualTo((byte) 1);
        return Arrays.copyOfRange(data, 4, 36);
    }

    private static String deliveredWire(Path dataDir, String signature) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("normal-dance.db"));
             PreparedStatement query = db.prepareStatement("SELECT wire FROM chain_deliveries WHERE signature = ?")) {
            query.setString(1, signature);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as("the delivery was recorded before it was sent").isTrue();
                return rs.getString(1);
            }
        }
    }

    /** 24 random letters and digits: long enough that a match in a log is never a coincidence. */
    private static char[] randomPin() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return out;
    }
}
