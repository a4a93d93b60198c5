package dance.normal.server.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so the
 * parameters can be raised later and old hashes still verify. Defaults follow OWASP's recommendation
 * (19 MiB, 2 passes, 1 lane).
 *
 * <p>Each hash holds its memory while it runs, so how many run at once is bounded, and so is the queue for a turn
 * (four waiters per turn, each for at most {@link #MAX_WAIT}); a caller beyond that is refused at once with
 * {@link Busy} (the server answers 503 with Retry-After). A burst of sign-ins can neither take gigabytes nor queue
 * without end.
 */
public final class PasswordHasher {

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /** How long a hash waits for a turn before it is refused. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** Too many hashes are running; try again shortly. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Password hashing is at capacity", null, false, false);
        }
    }

    private final Semaphore turns;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    /** Verified against for unknown accounts, so a sign-in takes as long whether or not the email exists. */
    private final String decoy;

    public PasswordHasher() {
        this(19 * 1024, 2, 1);
    }

    /** With as many hashes at once as there are processors (at least two). */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this(memoryKib, iterations, parallelism, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** @param maxConcurrent how many hashes may run at once; four times as many may wait */
    public PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
        this(memoryKib, iterations, parallelism, maxConcurrent, 4 * maxConcurrent);
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent, int maxWaiting) {
        if (maxConcurrent < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, maxWaiting at least 0");
        }
        this.turns = new Semaphore(maxConcurrent, true);
        this.maxWaiting = maxWaiting;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.decoy = hash("decoy-password".toCharArray());
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Constant-time check of a password against a stored PHC string; false for a malformed string. */
    public boolean verify(char[] password, String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of a real verification without an account, against user enumeration by timing. */
    public void verifyDecoy(char[] password) {
        verify(password, decoy);
    }

    /** The turns, for a test that takes them all. */
    Semaphore turns() {
        return turns;
    }

    private byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
        boolean turn = turns.tryAcquire();
        if (!turn) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw new Busy();
            }
            try {
                turn = turns.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy();
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (!turn) {
            throw new Busy();
        }
        try {
            return argon2(password, salt, m, t, p, length);
        } finally {
            turns.release();
        }
    }

    private static byte[] argon2(char[] password, byte[] salt, int m, int t, int p, int length) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m)
                    .withIterations(t)
                    .withParallelism(p)
                    .withSalt(salt)
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[length];
            generator.generateBytes(bytes, out);
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
