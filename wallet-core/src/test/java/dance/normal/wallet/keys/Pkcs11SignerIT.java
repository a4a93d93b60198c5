package dance.normal.wallet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * {@link Pkcs11Signer} against a throw-away SoftHSM2 token: keys generated in the token, RFC 8032 signatures that
 * {@link Signatures#verify} accepts, and a private key that cannot be read out. Needs Debian {@code softhsm2}.
 */
class Pkcs11SignerIT {

    private static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String TOKEN = "nd-it";
    private static final String PIN = "271828";
    private static final String SO_PIN = "314159";

    @TempDir
    static Path dir;

    @BeforeAll
    static void createToken() throws Throwable {
        boolean present = Files.exists(Path.of(MODULE));
        if (!present) {
            System.err.println("SKIPPED Pkcs11SignerIT: " + MODULE + " is missing (apt-get install softhsm2)");
        }
        Assumptions.assumeTrue(present, MODULE + " is missing (apt-get install softhsm2)");
        Path tokens = Files.createDirectory(dir.resolve("tokens"));
        Path conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf,
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", TOKEN,
                "--pin", PIN, "--so-pin", SO_PIN).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("softhsm2-util: %s", output).isZero();
        // SoftHSM2 reads SOFTHSM2_CONF with getenv() at C_Initialize inside this JVM, so it must be in the C
        // environment of this process too; otherwise it would open the system's token directory.
        setNativeEnv("SOFTHSM2_CONF", conf.toString());
    }

    @Test
    void generatesInTheTokenAndSignsHundredRandomMessages() {
        SecureRandom random = new SecureRandom();
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "treasury")) {
            byte[] publicKey = signer.publicKey();
            assertThat(publicKey).hasSize(32);
            for (int i = 0; i < 100; i++) {
                byte[] message = new byte[1 + random.nextInt(1_500)];
                random.nextBytes(message);
                byte[] signature = signer.sign(message);
                assertThat(signature).hasSize(64);
                assertThat(Signatures.verify(publicKey, message, signature)).as("message %d", i).isTrue();
                byte[] tampered = Arrays.copyOf(message, message.length + 1);
                assertThat(Signatures.verify(publicKey, tampered, signature)).isFalse();
            }
            assertThat(signer.toString()).contains("treasury").contains(Base58.encode(publicKey));
            assertThatThrownBy(() -> signer.sign(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty message");
        }
    }

    @Test
    void privateKeyIsSensitiveAndCannotBeReadOut() throws Exception {
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "mint")) {
            assertThat(signer.publicKey()).hasSize(32);
        }
        PKCS11Module module = PKCS11Module.getInstance(MODULE);
        module.initialize();
        try {
            Session session = token(module).openSession(false);
            session.login(PKCS11Constants.CKU_USER, PIN.toCharArray());
            try {
                long[] keys = session.findObjectsSingle(new AttributeVector().class_(PKCS11Constants.CKO_PRIVATE_KEY)
                        .label("mint"), 2);
                assertThat(keys).hasSize(1);
                AttributeVector flags = session.getAttrValues(keys[0], PKCS11Constants.CKA_EXTRACTABLE,
                        PKCS11Constants.CKA_SENSITIVE, PKCS11Constants.CKA_NEVER_EXTRACTABLE,
                        PKCS11Constants.CKA_TOKEN, PKCS11Constants.CKA_KEY_TYPE);
                assertThat(flags.extractable()).isFalse();
                assertThat(flags.sensitive()).isTrue();
                assertThat(flags.neverExtractable()).isTrue();
                assertThat(flags.token()).isTrue();
                assertThat(flags.keyType()).isEqualTo(PKCS11Constants.CKK_EC_EDWARDS);

                // Through the wrapper: CKA_VALUE comes back marked sensitive, with no value.
                AttributeVector value = session.getAttrValues(keys[0], PKCS11Constants.CKA_VALUE);
                assertThat(value.getAttribute(PKCS11Constants.CKA_VALUE).isSensitive()).isTrue();
                assertThat(value.getAttribute(PKCS11Constants.CKA_VALUE).getValue()).isNull();
                // And the raw C_GetAttributeValue fails with CKR_ATTRIBUTE_SENSITIVE.
                CK_ATTRIBUTE raw = new CK_ATTRIBUTE();
                raw.type = PKCS11Constants.CKA_VALUE;
                assertThatThrownBy(() -> module.getPKCS11Module().C_GetAttributeValue(session.getSessionHandle(),
                        keys[0], new CK_ATTRIBUTE[] {raw}, true))
                        .isInstanceOfSatisfying(iaik.pkcs.pkcs11.wrapper.PKCS11Exception.class, e -> assertThat(
                                e.getErrorCode()).isEqualTo(PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE));
                assertThat(raw.pValue).isNull();
                // Nor can it be flipped to extractable afterwards.
                assertThatThrownBy(() -> session.setAttributeValues(keys[0],
                        new AttributeVector().extractable(true))).isInstanceOf(Exception.class);
            } finally {
                session.logout();
                session.closeSession();
            }
        } finally {
            module.finalize(null);
        }
    }

    @Test
    void reopensByLabelAndRefusesWhatItShould() {
        byte[] publicKey;
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "reopen")) {
            publicKey = signer.publicKey();
            assertThatThrownBy(() -> Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "reopen"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a key");
        }
        Pkcs11Signer first = new Pkcs11Signer(MODULE, TOKEN, PIN.toCharArray(), "reopen");
        try (Pkcs11Signer second = new Pkcs11Signer(MODULE, TOKEN, PIN.toCharArray(), "reopen")) {
            assertThat(first.publicKey()).isEqualTo(publicKey);
            byte[] message = "play receipt".getBytes(StandardCharsets.UTF_8);
            assertThat(Signatures.verify(publicKey, message, first.sign(message))).isTrue();
            first.close();
            assertThatThrownBy(() -> first.sign(message)).isInstanceOf(IllegalStateException.class);
            // Closing one signer must not log the other out of the shared token.
            assertThat(Signatures.verify(publicKey, message, second.sign(message))).isTrue();
        }
        assertThatThrownBy(() -> new Pkcs11Signer(MODULE, TOKEN, "000000".toCharArray(), "reopen"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CKR_PIN_INCORRECT");
        assertThatThrownBy(() -> new Pkcs11Signer(MODULE, TOKEN, PIN.toCharArray(), "no-such-key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No EdDSA private key");
        assertThatThrownBy(() -> new Pkcs11Signer(MODULE, "no-such-token", PIN.toCharArray(), "reopen"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No PKCS#11 token");
    }

    private static Token token(PKCS11Module module) throws Exception {
        for (Slot slot : module.getSlotList(true)) {
            if (TOKEN.equals(slot.getToken().getTokenInfo().getLabel().trim())) {
                return slot.getToken();
            }
        }
        throw new IOException("No token " + TOKEN + " in " + List.of(module.getSlotList(true)));
    }

    private static void setNativeEnv(String name, String value) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            assertThat(rc).as("setenv(%s)", name).isZero();
        }
    }
}
