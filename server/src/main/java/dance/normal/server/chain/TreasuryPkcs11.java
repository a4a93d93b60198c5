package dance.normal.server.chain;

import dance.normal.server.CannotStartException;
import dance.normal.wallet.keys.Pkcs11Signer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the treasury key lives when it is in an HSM: {@code --treasury-pkcs11
 * module=PATH,token=LABEL|slot=ID,label=KEY[,pin-file=PATH]}. The PIN is never on the command line: it is read from
 * {@code pin-file} (preferred: read into a byte array, decoded into a char array and zeroed once the token has been
 * logged in to) or else from the environment variable {@value #PIN_VARIABLE}. This record holds only where to find
 * the PIN, never the PIN itself, so it can be printed and logged.
 *
 * @param module   the PKCS#11 module (shared library), e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param token    the token's label; empty when {@code slot} chooses the token
 * @param slot     the slot's id; empty when {@code token} chooses it
 * @param keyLabel the {@code CKA_LABEL} of the Ed25519 key pair (made in the token beforehand)
 * @param pinFile  a file holding the user PIN (one line); empty to read {@value #PIN_VARIABLE}
 */
public record TreasuryPkcs11(Path module, Optional<String> token, OptionalLong slot, String keyLabel,
                             Optional<Path> pinFile) {

    /** The environment variable the PIN is read from when no {@code pin-file} is given. */
    public static final String PIN_VARIABLE = "ND_TREASURY_PIN";

    private static final Logger LOG = LoggerFactory.getLogger(TreasuryPkcs11.class);
    private static final String OPTION = "--treasury-pkcs11";

    public TreasuryPkcs11 {
        if (token.isPresent() == slot.isPresent()) {
            throw new IllegalArgumentException(OPTION + " names the token by token=LABEL or by slot=ID (one of them)");
        }
        if (keyLabel.isBlank()) {
            throw new IllegalArgumentException(OPTION + " needs label=KEY, the treasury key's label in the token");
        }
    }

    /**
     * Parses {@code module=PATH,token=LABEL,label=KEY} (or {@code slot=ID} for {@code token}, and an optional
     * {@code pin-file=PATH}). A {@code pin=} part is refused: a command line is visible to every local user.
     */
    public static TreasuryPkcs11 parse(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(OPTION + " takes key=value parts separated by commas, like "
                        + "module=/usr/lib/softhsm/libsofthsm2.so,token=nd,label=treasury");
            }
            String key = part.substring(0, eq).strip();
            if (key.equals("pin")) {
                throw new IllegalArgumentException(OPTION + " never takes the PIN itself (a command line can be read "
                        + "by every local user): put it in a file named by pin-file=PATH, or in " + PIN_VARIABLE);
            }
            if (!Set.of("module", "token", "slot", "label", "pin-file").contains(key)) {
                throw new IllegalArgumentException(OPTION + " knows module, token, slot, label and pin-file, not \""
                        + key + "\"");
            }
            if (parts.put(key, part.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(OPTION + " names " + key + " twice");
            }
        }
        String module = parts.get("module");
        if (module == null || module.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " needs module=PATH, the PKCS#11 library of the HSM");
        }
        OptionalLong slot = OptionalLong.empty();
        if (parts.containsKey("slot")) {
            try {
                slot = OptionalLong.of(Long.parseLong(parts.get("slot")));
                if (slot.getAsLong() < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(OPTION + " slot must be a slot number, not \"" + parts.get("slot")
                        + "\"");
            }
        }
        Optional<Path> pinFile = Optional.ofNullable(parts.get("pin-file")).filter(p -> !p.isEmpty())
                .map(p -> Path.of(p).toAbsolutePath());
        return new TreasuryPkcs11(Path.of(module).toAbsolutePath(),
                Optional.ofNullable(parts.get("token")).filter(t -> !t.isEmpty()), slot,
                parts.getOrDefault("label", ""), pinFile);
    }

    /** Says where the PIN comes from, so a missing one is a start-up error before anything is opened. */
    public void checkPinSource() {
        if (pinFile.isEmpty() && System.getenv(PIN_VARIABLE) == null) {
            throw new IllegalArgumentException(OPTION + " needs the token's PIN: name a file holding it with "
                    + "pin-file=PATH, or set " + PIN_VARIABLE);
        }
    }

    /**
     * Logs in to the token and opens the treasury key; the PIN is zeroed before this returns.
     *
     * @throws CannotStartException naming what is wrong (module, token, slot, key or PIN) and the option to fix
     */
    Pkcs11Signer open() {
        char[] pin = null;
        try {
            pin = readPin();
            return token.isPresent()
                    ? new Pkcs11Signer(module.toString(), token.get(), pin, keyLabel)
                    : Pkcs11Signer.inSlot(module.toString(), slot.getAsLong(), pin, keyLabel);
        } catch (IllegalStateException e) {
            throw new CannotStartException("The treasury key in the HSM cannot be used: " + e.getMessage()
                    + ". Check " + OPTION + " " + this.describe() + " and the PIN" + pinFile.map(p -> " in " + p)
                    .orElse(" in " + PIN_VARIABLE) + ".", e);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    /** The PIN, from the file or the environment; IllegalStateException naming what is wrong with either. */
    private char[] readPin() {
        if (pinFile.isEmpty()) {
            String value = System.getenv(PIN_VARIABLE);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException(PIN_VARIABLE + " is not set and no pin-file=PATH is given");
            }
            // The JDK hands the environment out as Strings only; a pin-file keeps it out of the String pool.
            return value.toCharArray();
        }
        Path file = pinFile.get();
        byte[] bytes;
        try {
            warnIfOthersCanRead(file);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the treasury PIN file " + file + " (" + e.getClass()
                    .getSimpleName() + ")", e);
        }
        try {
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new IllegalStateException("The treasury PIN file " + file + " is empty");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            char[] pin = new char[chars.remaining()];
            chars.get(pin);
            Arrays.fill(chars.array(), '\0');
            return pin;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("The treasury PIN file " + file + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("The treasury PIN file {} can be read by other users; chmod 600 it", file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    /** The option as it would be written, without the PIN (which it never holds). */
    public String describe() {
        return "module=" + module + token.map(t -> ",token=" + t).orElse(",slot=" + slot.orElse(-1)) + ",label="
                + keyLabel + pinFile.map(p -> ",pin-file=" + p).orElse("");
    }

    @Override
    public String toString() {
        return "TreasuryPkcs11[" + describe() + "]";
    }
}
