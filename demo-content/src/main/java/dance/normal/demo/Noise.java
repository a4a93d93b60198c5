package dance.normal.demo;

/**
 * A tiny xorshift generator for audio-rate noise. {@link java.util.Random} would do, but it is synchronised and
 * several times slower, and noise is drawn once per sample.
 */
final class Noise {

    private long state;

    Noise(long seed) {
        // A zero state would stay zero forever; the odd constant also decorrelates neighbouring seeds.
        state = seed * 0x9E3779B97F4A7C15L | 1L;
    }

    /** Uniform in [-1, 1). */
    double next() {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (state >>> 11) * 0x1.0p-52 - 1.0;
    }

    /** Uniform in [0, 1). */
    double nextUnit() {
        return (next() + 1.0) * 0.5;
    }
}
