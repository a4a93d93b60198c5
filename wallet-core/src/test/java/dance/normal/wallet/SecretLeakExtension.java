package dance.normal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.mnemonic.Mnemonic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Fails a wallet test class when a known secret of its test wallets shows up where secrets must never go: a log
 * line (all logback output, any level, with stack traces), an exception (message, causes, suppressed, as printed),
 * standard output or error, or the output of a child process. Secrets are searched as lowercase and uppercase hex,
 * base58, and base64 (standard and URL-safe, with and without padding); phrases as their words joined by spaces and
 * without separators.
 *
 * <p>Tests register what to look for with {@link #watchPhrase} and {@link #watch}; expected failures go through
 * {@link #expectFailure} so the exceptions a test catches are searched too, not only the ones that escape.
 */
public final class SecretLeakExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private static final Map<String, String> NEEDLES = new ConcurrentHashMap<>();
    private static final List<String> EXCEPTIONS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> OUTPUTS = Collections.synchronizedList(new ArrayList<>());
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SecretLeakExtension.class);

    /** A step that is expected to fail. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    // ---- what to look for ----

    /** Watches {@code secret} under {@code label} (used in the failure message, never the secret itself). */
    public static void watch(String label, byte[] secret) {
        if (isDegenerate(secret)) {
            // Reference vectors such as all-zero entropy encode to runs like "1111..." that occur in ordinary
            // Solana output (the System Program address); the wallet's own tests use random secrets.
            return;
        }
        HexFormat hex = HexFormat.of();
        NEEDLES.put(hex.formatHex(secret), label + " (hex)");
        NEEDLES.put(hex.withUpperCase().formatHex(secret), label + " (HEX)");
        NEEDLES.put(Base58.encode(secret), label + " (base58)");
        String base64 = Base64.getEncoder().encodeToString(secret);
        NEEDLES.put(base64, label + " (base64)");
        NEEDLES.put(stripPadding(base64), label + " (base64, unpadded)");
        NEEDLES.put(stripPadding(Base64.getUrlEncoder().encodeToString(secret)), label + " (base64url)");
    }

    /** Watches a secret that is text (a PIN, a password): as written, and its UTF-8 bytes in every encoding above. */
    public static void watchText(String label, char[] secret) {
        String text = new String(secret);
        NEEDLES.put(text, label + " (text)");
        watch(label + " (UTF-8)", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Watches everything that a phrase's wallets hold: the entropy, the BIP39 seed, and for each account the 32-byte
     * private seed and the 64-byte secret key (seed followed by public key), plus the phrase's words joined.
     */
    public static void watchPhrase(String label, char[] phrase, int... accounts) {
        String words = String.join(" ", new String(phrase).trim().split("\\s+"));
        NEEDLES.put(words, label + " phrase");
        NEEDLES.put(words.replace(" ", ""), label + " phrase without spaces");
        NEEDLES.put(words.replace(" ", ","), label + " phrase with commas");
        byte[] entropy = Mnemonic.toEntropy(phrase);
        watch(label + " entropy", entropy);
        byte[] seed = Mnemonic.toSeed(phrase, new char[0]);
        watch(label + " BIP39 seed", seed);
        for (int account : accounts) {
            byte[] privateSeed = derive(seed, 44, 501, account, 0);
            byte[] publicKey = new byte[32];
            Ed25519.generatePublicKey(privateSeed, 0, publicKey, 0);
            byte[] secretKey = ByteBuffer.allocate(64).put(privateSeed).put(publicKey).array();
            watch(label + " account " + account + " private seed", privateSeed);
            watch(label + " account " + account + " secret key", secretKey);
        }
    }

    /** Records an exception a test caught, so it is searched too; returns it. */
    public static <T extends Throwable> T record(T throwable) {
        EXCEPTIONS.add(render(throwable));
        return throwable;
    }

    /** Records output from elsewhere (a child process) for the search. */
    public static void recordOutput(String text) {
        OUTPUTS.add(text);
    }

    /** Runs {@code step}, which must throw a {@link WalletException} of {@code kind}; records and returns it. */
    public static WalletException expectFailure(WalletException.Kind kind, Step step) {
        try {
            step.run();
        } catch (Throwable t) {
            record(t);
            assertThat(t).isInstanceOf(WalletException.class);
            WalletException e = (WalletException) t;
            assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(kind);
            return e;
        }
        throw new AssertionError("Expected a WalletException of kind " + kind + ", but nothing was thrown");
    }

    /** The labels of watched secrets found in {@code text}. */
    public static List<String> leaksIn(String text) {
        List<String> found = new ArrayList<>();
        NEEDLES.forEach((needle, label) -> {
            if (text.contains(needle)) {
                found.add(label);
            }
        });
        return found;
    }

    // ---- JUnit hooks ----

    private static final class Capture {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        final Level rootLevel;
        final PrintStream out;
        final PrintStream err;
        final ByteArrayOutputStream console = new ByteArrayOutputStream();

        Capture(Level rootLevel, PrintStream out, PrintStream err) {
            this.rootLevel = rootLevel;
            this.out = out;
            this.err = err;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Capture capture = new Capture(root.getLevel(), System.out, System.err);
        capture.appender.setContext(root.getLoggerContext());
        capture.appender.start();
        root.addAppender(capture.appender);
        root.setLevel(Level.TRACE);
        System.setOut(new PrintStream(new Tee(capture.out, capture.console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(capture.err, capture.console), true, StandardCharsets.UTF_8));
        context.getStore(NAMESPACE).put(Capture.class, capture);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Capture capture = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(capture.appender);
        root.setLevel(capture.rootLevel);
        capture.appender.stop();
        System.setOut(capture.out);
        System.setErr(capture.err);

        StringBuilder haystack = new StringBuilder();
        for (ILoggingEvent event : capture.appender.list) {
            haystack.append(event.getFormattedMessage()).append('\n');
            if (event.getArgumentArray() != null) {
                haystack.append(Arrays.deepToString(event.getArgumentArray())).append('\n');
            }
            haystack.append(event.getMDCPropertyMap()).append('\n');
            if (event.getThrowableProxy() != null) {
                haystack.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        synchronized (EXCEPTIONS) {
            EXCEPTIONS.forEach(e -> haystack.append(e).append('\n'));
            EXCEPTIONS.clear();
        }
        synchronized (OUTPUTS) {
            OUTPUTS.forEach(o -> haystack.append(o).append('\n'));
            OUTPUTS.clear();
        }
        haystack.append(capture.console.toString(StandardCharsets.UTF_8));
        List<String> leaks = leaksIn(haystack.toString());
        int searched = capture.appender.list.size();
        NEEDLES.clear();
        assertThat(leaks).as("secrets found in %d log events, exceptions and output of %s", searched,
                context.getDisplayName()).isEmpty();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        record(throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        record(throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        record(throwable);
        throw throwable;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        record(throwable);
        throw throwable;
    }

    // ---- helpers ----

    private static String render(Throwable throwable) {
        StringWriter writer = new StringWriter();
        throwable.printStackTrace(new PrintWriter(writer));
        return throwable + "\n" + writer;
    }

    private static boolean isDegenerate(byte[] secret) {
        for (byte b : secret) {
            if (b != secret[0]) {
                return false;
            }
        }
        return true;
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    /** SLIP-0010 Ed25519, written again here with the JDK's HMAC so the check does not trust the code it checks. */
    private static byte[] derive(byte[] seed, int... path) {
        byte[] digest = hmac("ed25519 seed".getBytes(StandardCharsets.US_ASCII), seed);
        for (int index : path) {
            byte[] data = ByteBuffer.allocate(37).put((byte) 0).put(digest, 0, 32).putInt(index | 0x80000000).array();
            digest = hmac(Arrays.copyOfRange(digest, 32, 64), data);
        }
        return Arrays.copyOf(digest, 32);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            synchronized (second) {
                ((ByteArrayOutputStream) second).write(b);
            }
            try {
                first.write(b);
            } catch (IOException ignored) {
                // the real console is best effort
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (second) {
                ((ByteArrayOutputStream) second).write(b, off, len);
            }
            try {
                first.write(b, off, len);
            } catch (IOException ignored) {
                // the real console is best effort
            }
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
