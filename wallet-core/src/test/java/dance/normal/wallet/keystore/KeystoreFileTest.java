package dance.normal.wallet.keystore;

import static dance.normal.wallet.SecretLeakExtension.expectFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dance.normal.wallet.SecretLeakExtension;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.mnemonic.Mnemonic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(SecretLeakExtension.class)
class KeystoreFileTest {

    static final Argon2Params FAST = new Argon2Params(64, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;
    private final SecureRandom random = new SecureRandom();
    private Path file;
    private byte[] deviceSecret;
    private char[] phrase;
    private String address;

    @BeforeEach
    void createKeystore() {
        file = dir.resolve("wallet.json");
        deviceSecret = new byte[32];
        random.nextBytes(deviceSecret);
        SecretLeakExtension.watch("device secret", deviceSecret);
        phrase = Mnemonic.generate(random);
        SecretLeakExtension.watchPhrase("keystore test", phrase, 3);
        try (WalletSecret secret = WalletSecret.fromPhrase(phrase, "Test wallet", 3)) {
            KeystoreFile.create(file, KeystoreFile.newWalletId(), secret, deviceSecret, PASSWORD, FAST, FAST,
                    random);
            try (SoftwareSigner signer = secret.signer()) {
                address = Base58.encode(signer.publicKey());
            }
        }
    }

    @Test
    void roundTripWithDeviceSecretAndWithPassword() {
        KeystoreFile keystore = KeystoreFile.read(file);
        assertThat(Base58.encode(keystore.publicKey())).isEqualTo(address);
        assertThat(keystore.account()).isEqualTo(3);
        assertThat(keystore.version()).isEqualTo(1);
        try (WalletSecret secret = keystore.unlockWithDeviceSecret(deviceSecret)) {
            assertThat(secret.name()).isEqualTo("Test wallet");
            assertThat(secret.account()).isEqualTo(3);
            assertThat(secret.phrase()).isEqualTo(phrase);
        }
        try (WalletSecret secret = keystore.unlockWithPassword(PASSWORD)) {
            assertThat(secret.phrase()).isEqualTo(phrase);
        }
    }

    @Test
    void fileIsOwnerOnlyJsonWithNoSecretInTheClear() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = Files.readString(file);
        JsonNode root = JSON.readTree(text);
        assertThat(root.get("format").asText()).isEqualTo("normal-dance-wallet-keystore");
        assertThat(root.get("publicKey").asText()).isEqualTo(address);
        assertThat(root.get("slots").get(0).get("kdf").get("memoryKiB").asInt()).isEqualTo(64);
        assertThat(SecretLeakExtension.leaksIn(text)).isEmpty();
        assertThat(text).doesNotContain(new String(PASSWORD));
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("ciphertext", edit(root -> flipBase64(root, "ciphertext", 5))),
                Arguments.of("payload nonce", edit(root -> flipBase64(root, "nonce", 0))),
                Arguments.of("public key", edit(root -> {
                    byte[] key = Base58.decode(root.get("publicKey").asText());
                    key[7] ^= 1;
                    root.put("publicKey", Base58.encode(key));
                })),
                Arguments.of("account index", edit(root -> root.put("account", 4))),
                Arguments.of("device kdf memory", edit(root -> kdf(root, 0).put("memoryKiB", 65))),
                Arguments.of("device kdf iterations", edit(root -> kdf(root, 0).put("iterations", 2))),
                Arguments.of("device kdf salt", edit(root -> flipBase64(kdf(root, 0), "salt", 3))),
                Arguments.of("device slot nonce", edit(root -> flipBase64(slot(root, 0), "nonce", 1))),
                Arguments.of("device wrapped key", edit(root -> flipBase64(slot(root, 0), "wrappedKey", 9))),
                Arguments.of("password kdf memory", edit(root -> kdf(root, 1).put("memoryKiB", 128))),
                Arguments.of("password kdf salt", edit(root -> flipBase64(kdf(root, 1), "salt", 0))),
                Arguments.of("password wrapped key", edit(root -> flipBase64(slot(root, 1), "wrappedKey", 2))),
                Arguments.of("wallet id", edit(root -> {
                    String id = root.get("walletId").asText();
                    root.put("walletId", (id.charAt(0) == 'a' ? "b" : "a") + id.substring(1));
                })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void alteredFieldIsTamperedNeverANewWallet(String field, Consumer<ObjectNode> change) throws Exception {
        byte[] before = Files.readAllBytes(file);
        ObjectNode root = (ObjectNode) JSON.readTree(before);
        change.accept(root);
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        KeystoreFile keystore = KeystoreFile.read(file);
        // The device secret is looked up by wallet id, so another id reads as another device secret.
        WalletException e = expectFailure(field.equals("wallet id") ? Kind.WRONG_DEVICE_SECRET : Kind.TAMPERED,
                () -> keystore.unlockWithDeviceSecret(deviceSecret));
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    void alteredPasswordSlotParametersFailThePasswordToo() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        kdf(root, 1).put("iterations", 2);
        Files.write(file, JSON.writeValueAsBytes(root));
        KeystoreFile keystore = KeystoreFile.read(file);
        // Without the device secret the change cannot be told from a wrong password, but nothing opens.
        expectFailure(Kind.WRONG_PASSWORD, () -> keystore.unlockWithPassword(PASSWORD));
        expectFailure(Kind.TAMPERED, () -> keystore.unlockWithDeviceSecret(deviceSecret));
    }

    @Test
    void truncatedFileIsUnreadable() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 1, bytes.length / 3, bytes.length / 2, bytes.length - 3}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            expectFailure(Kind.UNREADABLE, () -> KeystoreFile.read(file));
        }
    }

    @Test
    void otherJsonIsUnreadable() throws Exception {
        for (String text : new String[] {"[]", "{}", "null", "{\"format\":\"normal-dance-wallet-keystore\"}",
            "garbage"}) {
            Files.writeString(file, text);
            expectFailure(Kind.UNREADABLE, () -> KeystoreFile.read(file));
        }
    }

    @Test
    void unknownFieldAndBadBase64AreUnreadable() throws Exception {
        byte[] original = Files.readAllBytes(file);
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        root.put("extra", 1);
        Files.write(file, JSON.writeValueAsBytes(root));
        expectFailure(Kind.UNREADABLE, () -> KeystoreFile.read(file));
        root = (ObjectNode) JSON.readTree(original);
        root.put("nonce", "!!!");
        Files.write(file, JSON.writeValueAsBytes(root));
        expectFailure(Kind.UNREADABLE, () -> KeystoreFile.read(file));
        root = (ObjectNode) JSON.readTree(original);
        kdf(root, 0).put("memoryKiB", Integer.MAX_VALUE);
        Files.write(file, JSON.writeValueAsBytes(root));
        expectFailure(Kind.UNREADABLE, () -> KeystoreFile.read(file));
    }

    @Test
    void newerVersionIsNamed() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.put("version", 2);
        Files.write(file, JSON.writeValueAsBytes(root));
        WalletException e = expectFailure(Kind.UNSUPPORTED_VERSION, () -> KeystoreFile.read(file));
        assertThat(e.getMessage()).contains("version 2");
    }

    @Test
    void wrongDeviceSecretAndWrongPasswordAreToldApart() {
        KeystoreFile keystore = KeystoreFile.read(file);
        byte[] other = new byte[32];
        random.nextBytes(other);
        WalletException e = expectFailure(Kind.WRONG_DEVICE_SECRET, () -> keystore.unlockWithDeviceSecret(other));
        assertThat(e.getMessage()).contains("device secret");
        expectFailure(Kind.WRONG_PASSWORD, () -> keystore.unlockWithPassword("wrong".toCharArray()));
        expectFailure(Kind.INVALID_ARGUMENT, () -> keystore.unlockWithPassword(new char[0]));
    }

    @Test
    void createNeverOverwrites() throws Exception {
        byte[] before = Files.readAllBytes(file);
        try (WalletSecret secret = WalletSecret.fromPhrase(phrase, "Second", 0)) {
            expectFailure(Kind.ALREADY_EXISTS, () -> KeystoreFile.create(file, KeystoreFile.newWalletId(), secret,
                    deviceSecret, PASSWORD, FAST, FAST, random));
        }
        Files.writeString(file, "corrupt");
        try (WalletSecret secret = WalletSecret.fromPhrase(phrase, "Second", 0)) {
            expectFailure(Kind.ALREADY_EXISTS, () -> KeystoreFile.create(file, KeystoreFile.newWalletId(), secret,
                    deviceSecret, PASSWORD, FAST, FAST, random));
        }
        assertThat(Files.readString(file)).isEqualTo("corrupt");
        assertThat(before).isNotEmpty();
    }

    @Test
    void missingFileIsNotFoundAndMentionsTheBackup() throws Exception {
        Path missing = dir.resolve("missing.json");
        expectFailure(Kind.NOT_FOUND, () -> KeystoreFile.read(missing));
        assertThat(missing).doesNotExist();
        Files.copy(file, KeystoreFile.backupOf(missing));
        WalletException e = expectFailure(Kind.NOT_FOUND, () -> KeystoreFile.read(missing));
        assertThat(e.getMessage()).contains("missing.json.bak");
    }

    @Test
    void rewriteKeepsThePreviousVersionAsBak() throws Exception {
        byte[] first = Files.readAllBytes(file);
        char[] next = "a new password".toCharArray();
        KeystoreFile changed = KeystoreFile.read(file).changePassword(PASSWORD, next, FAST, random);
        assertThat(Files.readAllBytes(KeystoreFile.backupOf(file))).isEqualTo(first);
        byte[] second = Files.readAllBytes(file);
        assertThat(second).isNotEqualTo(first);
        try (WalletSecret secret = changed.unlockWithPassword(next)) {
            assertThat(secret.phrase()).isEqualTo(phrase);
        }
        expectFailure(Kind.WRONG_PASSWORD, () -> KeystoreFile.read(file).unlockWithPassword(PASSWORD));
        try (WalletSecret secret = KeystoreFile.read(file).unlockWithDeviceSecret(deviceSecret)) {
            assertThat(secret.phrase()).isEqualTo(phrase);
        }
        // A second rewrite moves the backup on to the version it replaces.
        changed.changePassword(next, PASSWORD, FAST, random);
        assertThat(Files.readAllBytes(KeystoreFile.backupOf(file))).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(KeystoreFile.backupOf(file))))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void resealDeviceNeedsThePasswordAndReplacesTheDeviceSecret() {
        byte[] newSecret = new byte[32];
        random.nextBytes(newSecret);
        SecretLeakExtension.watch("new device secret", newSecret);
        KeystoreFile keystore = KeystoreFile.read(file);
        expectFailure(Kind.WRONG_PASSWORD, () -> keystore.resealDevice("nope".toCharArray(), newSecret, FAST,
                random));
        KeystoreFile resealed = keystore.resealDevice(PASSWORD, newSecret, FAST, random);
        resealed.unlockWithDeviceSecret(newSecret).close();
        expectFailure(Kind.WRONG_DEVICE_SECRET, () -> KeystoreFile.read(file).unlockWithDeviceSecret(deviceSecret));
    }

    @Test
    void toStringHoldsNoSecret() {
        KeystoreFile keystore = KeystoreFile.read(file);
        try (WalletSecret secret = keystore.unlockWithDeviceSecret(deviceSecret)) {
            assertThat(secret.toString()).contains("redacted");
            assertThat(SecretLeakExtension.leaksIn(secret + " " + keystore)).isEmpty();
        }
    }

    // ---- helpers ----

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> change) {
        return change;
    }

    private static ObjectNode slot(ObjectNode root, int index) {
        return (ObjectNode) root.get("slots").get(index);
    }

    private static ObjectNode kdf(ObjectNode root, int index) {
        return (ObjectNode) slot(root, index).get("kdf");
    }

    private static void flipBase64(ObjectNode node, String field, int index) {
        byte[] bytes = Base64.getDecoder().decode(node.get(field).asText());
        bytes[index] ^= 0x01;
        node.put(field, Base64.getEncoder().encodeToString(bytes));
    }
}
