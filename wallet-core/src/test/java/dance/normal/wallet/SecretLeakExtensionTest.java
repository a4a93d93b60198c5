package dance.normal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.mnemonic.Mnemonic;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Checks that {@link SecretLeakExtension} would catch a leak. Not itself run under the extension: it leaks on
 * purpose, then drives the extension's callbacks by hand.
 */
class SecretLeakExtensionTest {

    @Test
    void findsASecretInEveryEncoding() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretLeakExtension.watch("probe", secret);
        try {
            assertThat(SecretLeakExtension.leaksIn("x " + HexFormat.of().formatHex(secret))).contains("probe (hex)");
            assertThat(SecretLeakExtension.leaksIn(HexFormat.of().withUpperCase().formatHex(secret))).isNotEmpty();
            assertThat(SecretLeakExtension.leaksIn("[" + Base58.encode(secret) + "]")).contains("probe (base58)");
            assertThat(SecretLeakExtension.leaksIn(Base64.getEncoder().encodeToString(secret))).isNotEmpty();
            assertThat(SecretLeakExtension.leaksIn(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)))
                    .isNotEmpty();
            assertThat(SecretLeakExtension.leaksIn("nothing here")).isEmpty();
        } finally {
            runClass(new SecretLeakExtension(), () -> { });
        }
    }

    @Test
    void aLoggedPrivateSeedFailsTheClass() {
        char[] phrase = Mnemonic.generate(new SecureRandom());
        SecretLeakExtension extension = new SecretLeakExtension();
        assertThatThrownBy(() -> runClass(extension, () -> {
            SecretLeakExtension.watchPhrase("leaky", phrase, 0);
            byte[] entropy = Mnemonic.toEntropy(phrase);
            LoggerFactory.getLogger(SecretLeakExtensionTest.class).debug("entropy {}", Base58.encode(entropy));
        })).isInstanceOf(AssertionError.class).hasMessageContaining("leaky entropy (base58)");
    }

    @Test
    void aPhraseInACaughtExceptionFailsTheClass() {
        char[] phrase = Mnemonic.generate(new SecureRandom());
        SecretLeakExtension extension = new SecretLeakExtension();
        assertThatThrownBy(() -> runClass(extension, () -> {
            SecretLeakExtension.watchPhrase("thrown", phrase, 0);
            SecretLeakExtension.record(new IllegalStateException("bad phrase: " + new String(phrase)));
        })).isInstanceOf(AssertionError.class).hasMessageContaining("thrown phrase");
    }

    @Test
    void aTextSecretIsFoundAsWrittenAndEncodedInAChildsOutput() {
        char[] pin = "pin-7c41e09b2d5f".toCharArray();
        SecretLeakExtension extension = new SecretLeakExtension();
        assertThatThrownBy(() -> runClass(extension, () -> {
            SecretLeakExtension.watchText("pin", pin);
            byte[] bytes = new String(pin).getBytes(StandardCharsets.UTF_8);
            assertThat(SecretLeakExtension.leaksIn(HexFormat.of().formatHex(bytes))).contains("pin (UTF-8) (hex)");
            SecretLeakExtension.recordOutput("{\"message\":\"C_Login with pin-7c41e09b2d5f\"}");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("pin (text)");
    }

    @Test
    void printedOutputIsSearched() {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        SecretLeakExtension extension = new SecretLeakExtension();
        assertThatThrownBy(() -> runClass(extension, () -> {
            SecretLeakExtension.watch("printed", secret);
            System.out.println("random bytes, never a key: " + HexFormat.of().formatHex(secret));
        })).isInstanceOf(AssertionError.class).hasMessageContaining("printed (hex)");
    }

    private static void runClass(SecretLeakExtension extension, Runnable body) {
        ExtensionContext context = context();
        extension.beforeAll(context);
        try {
            body.run();
        } finally {
            extension.afterAll(context);
        }
    }

    /** The little of {@link ExtensionContext} the extension uses: a display name and a store. */
    private static ExtensionContext context() {
        Map<Object, Object> values = new HashMap<>();
        ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(
                SecretLeakExtensionTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.Store.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "put" -> values.put(args[0], args[1]);
                    case "remove" -> values.remove(args[0]);
                    case "get" -> values.get(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ExtensionContext) Proxy.newProxyInstance(SecretLeakExtensionTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getStore" -> store;
                    case "getDisplayName" -> "hand-driven class";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
