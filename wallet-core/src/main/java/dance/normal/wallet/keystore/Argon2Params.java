package dance.normal.wallet.keystore;

/**
 * Argon2id cost parameters, stored per slot in the keystore so they can be raised later without breaking old files.
 *
 * @param memoryKiB   memory in KiB (m)
 * @param iterations  passes over the memory (t)
 * @param parallelism lanes (p)
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    /**
     * What new keystores use: 96 MiB, 3 passes, 1 lane. On the project's 2-core machine one unlock costs about
     * 390 ms of CPU once the JIT is warm and about 490 ms as the first in a fresh JVM (wall time 400-800 ms while
     * other builds share the cores). docs/decisions/0007-wallet-unlock.md records the measurements.
     */
    public static final Argon2Params PRODUCTION = new Argon2Params(96 * 1024, 3, 1);

    /** The largest memory a keystore may ask for (1 GiB), so a hostile file cannot exhaust the heap. */
    public static final int MAX_MEMORY_KIB = 1024 * 1024;
    /** The most passes a keystore may ask for. */
    public static final int MAX_ITERATIONS = 64;
    /** The most lanes a keystore may ask for. */
    public static final int MAX_PARALLELISM = 16;

    public Argon2Params {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1 to " + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1 to " + MAX_ITERATIONS);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be 8 KiB per lane to " + MAX_MEMORY_KIB + " KiB");
        }
    }

    @Override
    public String toString() {
        return "argon2id(m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism + ")";
    }
}
