package dance.normal.wallet.keystore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keys.Base58;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keystore file as data: parsing with strict checks, writing, and the associated data that binds every header
 * field to the ciphertexts. docs/keystore-format.md describes the format; keep the two in step.
 */
record KeystoreDocument(int version, String walletId, byte[] publicKey, int account, byte[] nonce,
                        byte[] ciphertext, Slot device, Slot password) {

    static final String FORMAT = "normal-dance-wallet-keystore";
    static final int VERSION = 1;
    static final String CIPHER = "aes-256-gcm";
    static final String KDF = "argon2id";
    static final int KDF_VERSION = 0x13;
    static final int SECRET_ID_BYTES = 16;
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Pattern WALLET_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "walletId", "publicKey", "account",
            "cipher", "nonce", "ciphertext", "slots");
    private static final Set<String> SLOT_FIELDS = Set.of("type", "secretId", "kdf", "nonce", "wrappedKey");
    private static final Set<String> KDF_FIELDS = Set.of("algorithm", "version", "memoryKiB", "iterations",
            "parallelism", "salt");

    /** One wrapping of the data key: under a key derived from the device secret or from the password. */
    record Slot(String type, byte[] secretId, Argon2Params params, byte[] salt, byte[] nonce, byte[] wrappedKey) {

        static final String DEVICE = "device";
        static final String PASSWORD = "password";
    }

    static boolean isWalletId(String id) {
        return WALLET_ID.matcher(id).matches();
    }

    // ---- associated data ----

    /** The header fields every slot and the payload are bound to. */
    private void writeHeader(DataOutputStream out) throws IOException {
        writeString(out, FORMAT);
        out.writeInt(version);
        writeString(out, walletId);
        writeBytes(out, publicKey);
        out.writeInt(account);
    }

    private static void writeSlotDescription(DataOutputStream out, Slot slot) throws IOException {
        writeString(out, slot.type());
        writeBytes(out, slot.secretId() == null ? new byte[0] : slot.secretId());
        writeString(out, KDF);
        out.writeInt(KDF_VERSION);
        out.writeInt(slot.params().memoryKiB());
        out.writeInt(slot.params().iterations());
        out.writeInt(slot.params().parallelism());
        writeBytes(out, slot.salt());
    }

    /** Associated data for wrapping the data key in {@code slot}: the header plus the slot's own description. */
    byte[] slotAad(Slot slot) {
        return aad(out -> {
            writeHeader(out);
            writeString(out, "slot");
            writeSlotDescription(out, slot);
        });
    }

    /** Associated data for the payload: the header, the cipher and nonce, and every slot in full. */
    byte[] payloadAad() {
        return aad(out -> {
            writeHeader(out);
            writeString(out, "payload");
            writeString(out, CIPHER);
            writeBytes(out, nonce);
            for (Slot slot : List.of(device, password)) {
                writeSlotDescription(out, slot);
                writeBytes(out, slot.nonce());
                writeBytes(out, slot.wrappedKey());
            }
        });
    }

    private interface AadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] aad(AadWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    // ---- JSON ----

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
        root.put("walletId", walletId);
        root.put("publicKey", Base58.encode(publicKey));
        root.put("account", account);
        root.put("cipher", CIPHER);
        root.put("nonce", base64(nonce));
        root.put("ciphertext", base64(ciphertext));
        ArrayNode slots = root.putArray("slots");
        for (Slot slot : List.of(device, password)) {
            ObjectNode node = slots.addObject();
            node.put("type", slot.type());
            if (slot.secretId() != null) {
                node.put("secretId", base64(slot.secretId()));
            }
            ObjectNode kdf = node.putObject("kdf");
            kdf.put("algorithm", KDF);
            kdf.put("version", KDF_VERSION);
            kdf.put("memoryKiB", slot.params().memoryKiB());
            kdf.put("iterations", slot.params().iterations());
            kdf.put("parallelism", slot.params().parallelism());
            kdf.put("salt", base64(slot.salt()));
            node.put("nonce", base64(slot.nonce()));
            node.put("wrappedKey", base64(slot.wrappedKey()));
        }
        try {
            byte[] json = JSON.writeValueAsBytes(root);
            byte[] withNewline = new byte[json.length + 1];
            System.arraycopy(json, 0, withNewline, 0, json.length);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the keystore as JSON", e);
        }
    }

    /** Parses and checks the shape of a keystore; authenticity is checked later, when a slot is opened. */
    static KeystoreDocument parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw unreadable("the file is empty");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw unreadable("the file is larger than any keystore (" + bytes.length + " bytes)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw unreadable("it is not complete JSON (truncated or overwritten?)");
        }
        if (root == null || !root.isObject()) {
            throw unreadable("it is not a JSON object");
        }
        if (!FORMAT.equals(text(root, "format"))) {
            throw unreadable("it is not a Normal Dance wallet keystore");
        }
        int version = integer(root, "version");
        if (version > VERSION) {
            throw new WalletException(Kind.UNSUPPORTED_VERSION, "The keystore is format version " + version
                    + ", newer than this app understands (" + VERSION + "); update the app to open it");
        }
        if (version < 1) {
            throw unreadable("its version " + version + " is not valid");
        }
        checkFields(root, TOP_FIELDS, "the keystore");
        String walletId = text(root, "walletId");
        if (!isWalletId(walletId)) {
            throw unreadable("its walletId is not a UUID");
        }
        byte[] publicKey;
        try {
            publicKey = Base58.decode(text(root, "publicKey"));
        } catch (IllegalArgumentException e) {
            throw unreadable("its publicKey is not base58");
        }
        if (publicKey.length != 32) {
            throw unreadable("its publicKey is not 32 bytes");
        }
        int account = integer(root, "account");
        if (account < 0) {
            throw unreadable("its account index is negative");
        }
        if (!CIPHER.equals(text(root, "cipher"))) {
            throw unreadable("its cipher is not " + CIPHER);
        }
        byte[] nonce = bytes(root, "nonce", Crypto.NONCE_BYTES, Crypto.NONCE_BYTES);
        byte[] ciphertext = bytes(root, "ciphertext", Crypto.TAG_BYTES + 1, 4096);
        JsonNode slotsNode = root.get("slots");
        if (slotsNode == null || !slotsNode.isArray() || slotsNode.size() != 2) {
            throw unreadable("it must have exactly two slots (device and password)");
        }
        List<Slot> slots = new ArrayList<>();
        for (JsonNode node : slotsNode) {
            slots.add(slot(node));
        }
        Slot device = slots.get(0);
        Slot password = slots.get(1);
        if (!Slot.DEVICE.equals(device.type()) || !Slot.PASSWORD.equals(password.type())) {
            throw unreadable("its slots must be a device slot then a password slot");
        }
        return new KeystoreDocument(version, walletId, publicKey, account, nonce, ciphertext, device, password);
    }

    private static Slot slot(JsonNode node) {
        if (!node.isObject()) {
            throw unreadable("a slot is not a JSON object");
        }
        checkFields(node, SLOT_FIELDS, "a slot");
        String type = text(node, "type");
        byte[] secretId = null;
        if (Slot.DEVICE.equals(type)) {
            secretId = bytes(node, "secretId", SECRET_ID_BYTES, SECRET_ID_BYTES);
        } else if (!Slot.PASSWORD.equals(type)) {
            throw unreadable("a slot has the unknown type \"" + type + "\"");
        } else if (node.has("secretId")) {
            throw unreadable("the password slot has a secretId");
        }
        JsonNode kdf = node.get("kdf");
        if (kdf == null || !kdf.isObject()) {
            throw unreadable("a slot has no kdf object");
        }
        checkFields(kdf, KDF_FIELDS, "a kdf");
        if (!KDF.equals(text(kdf, "algorithm")) || integer(kdf, "version") != KDF_VERSION) {
            throw unreadable("a slot's kdf is not argon2id version 19");
        }
        Argon2Params params;
        try {
            params = new Argon2Params(integer(kdf, "memoryKiB"), integer(kdf, "iterations"),
                    integer(kdf, "parallelism"));
        } catch (IllegalArgumentException e) {
            throw unreadable("a slot's Argon2 parameters are out of range");
        }
        byte[] salt = bytes(kdf, "salt", Crypto.SALT_BYTES, 64);
        byte[] nonce = bytes(node, "nonce", Crypto.NONCE_BYTES, Crypto.NONCE_BYTES);
        int wrapped = Crypto.KEY_BYTES + Crypto.TAG_BYTES;
        byte[] wrappedKey = bytes(node, "wrappedKey", wrapped, wrapped);
        return new Slot(type, secretId, params, salt, nonce, wrappedKey);
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw unreadable(what + " has an unexpected field \"" + abbreviate(name) + "\"");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw unreadable("the field \"" + field + "\" is missing or not text");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw unreadable("the field \"" + field + "\" is missing or not a whole number");
        }
        return value.intValue();
    }

    private static byte[] bytes(JsonNode node, String field, int min, int max) {
        byte[] value;
        try {
            value = Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw unreadable("the field \"" + field + "\" is not base64");
        }
        if (value.length < min || value.length > max) {
            throw unreadable("the field \"" + field + "\" has the wrong length");
        }
        return value;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String abbreviate(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }

    private static WalletException unreadable(String reason) {
        return new WalletException(Kind.UNREADABLE, "The keystore cannot be read: " + reason);
    }

    @Override
    public String toString() {
        return "KeystoreDocument[version=" + version + ", walletId=" + walletId + ", publicKey="
                + Base58.encode(publicKey) + ", account=" + account + "]";
    }

}
