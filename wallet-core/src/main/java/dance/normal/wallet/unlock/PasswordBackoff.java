package dance.normal.wallet.unlock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keystore.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential back-off after wrong passwords — 1 s, 2 s, 4 s... up to {@link #CAP} — kept in a small file beside the
 * keystore ({@code <file>.attempts}) so a restart does not reset it. Callers hold the keystore's
 * {@link dance.normal.wallet.keystore.KeystoreLock} around check, attempt and record, so two threads or processes
 * cannot guess in parallel.
 *
 * <p>Someone who can delete this file can also copy the keystore and guess offline; the back-off slows guessing
 * through the app, and Argon2 is what protects the file.
 */
public final class PasswordBackoff {

    /** The wait after the first wrong password. */
    public static final Duration FIRST = Duration.ofSeconds(1);
    /** The longest wait. */
    public static final Duration CAP = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(PasswordBackoff.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FAILURES = 30;

    private final Path file;
    private final Clock clock;

    public PasswordBackoff(Path keystore, Clock clock) {
        this.file = stateFileOf(keystore);
        this.clock = clock;
    }

    /** The back-off state file of {@code keystore}. */
    public static Path stateFileOf(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".attempts");
    }

    /** The wait after {@code failures} consecutive wrong passwords. */
    public static Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 20);
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /** How long to wait before the next attempt; zero when an attempt may be made now. */
    public Duration remaining() {
        State state = read();
        if (state.failures() == 0) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), state.lastFailure().plus(delayAfter(state.failures())));
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        // A clock set back must not stretch the wait beyond the cap.
        return left.compareTo(CAP) > 0 ? CAP : left;
    }

    /** The number of wrong passwords since the last right one. */
    public int failures() {
        return read().failures();
    }

    /** Records a wrong password; returns the wait before the next attempt. */
    public Duration recordFailure() {
        int failures = Math.min(read().failures() + 1, MAX_FAILURES);
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("failures", failures);
        node.put("lastFailure", clock.instant().toString());
        try {
            OwnerOnlyFiles.write(file, JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot record the failed attempt", e);
        }
        return delayAfter(failures);
    }

    /** Records a right password: the back-off starts over. */
    public void recordSuccess() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot reset the password back-off", e);
        }
    }

    private record State(int failures, Instant lastFailure) {
    }

    private State read() {
        byte[] bytes = OwnerOnlyFiles.readIfExists(file, 4096);
        if (bytes == null) {
            return new State(0, Instant.EPOCH);
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            int failures = node.path("failures").asInt(-1);
            Instant last = Instant.parse(node.path("lastFailure").asText());
            if (failures < 0) {
                throw new IOException("no failure count");
            }
            return new State(Math.min(failures, MAX_FAILURES), last);
        } catch (IOException | DateTimeParseException | NullPointerException | IllegalArgumentException e) {
            // Unreadable state must not unlock guessing, nor lock the owner out for good: wait the longest
            // delay from the moment the file was last written.
            LOG.warn("The password back-off file {} is unreadable; applying the longest wait", file.getFileName());
            return new State(MAX_FAILURES, lastModified());
        }
    }

    private Instant lastModified() {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.EPOCH;
        } catch (IOException e) {
            return clock.instant();
        }
    }
}
