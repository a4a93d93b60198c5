package dance.normal.server.quality;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Chromaprint raw fingerprint ({@code fpcalc -raw}): one 32-bit sub-fingerprint per 0.124 s of audio, each bit the
 * sign of one filter over the spectrum, so the same recording decoded from another format or bitrate gives nearly
 * the same bits (0.99 agreement measured here) and a different recording about half of them, up to 0.76 for two
 * different demo tracks in the same style (decision 0040).
 *
 * <p>The index keys are a sample of the sub-fingerprints, chosen by their own value rather than their position, so
 * that a copy shifted in time (another encoder's delay, a trimmed intro) picks the same keys; their low bits are
 * dropped because those flip most often between encodings.
 */
public record Fingerprint(int[] frames) {

    /** Bits dropped from a sub-fingerprint to make its key. */
    static final int KEY_SHIFT = 8;
    /** One key in this many is indexed (chosen by a hash of the key). */
    static final int SAMPLE_BITS = 4;
    /** Chromaprint's sub-fingerprint of digital silence: the same in every track, so it identifies none. */
    static final int SILENCE = 627_964_279;

    public Fingerprint {
        frames = frames.clone();
    }

    /** One indexed key and the first frame it occurs at. */
    public record Key(int key, int position) {
    }

    @Override
    public int[] frames() {
        return frames.clone();
    }

    public int length() {
        return frames.length;
    }

    /** The sampled keys of this fingerprint, each once, at its first position. */
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < frames.length; i++) {
            int key = frames[i] >>> KEY_SHIFT;
            if (frames[i] != SILENCE && sampled(key) && seen.add(key)) {
                keys.add(new Key(key, i));
            }
        }
        return keys;
    }

    static boolean sampled(int key) {
        return (key * 0x9E3779B1) >>> (32 - SAMPLE_BITS) == 0;
    }

    /**
     * The share of equal bits where this fingerprint's frame {@code i} lies over {@code other}'s frame
     * {@code i + offset}; 0 when fewer than {@code minOverlap} frames overlap.
     */
    public double agreement(Fingerprint other, int offset, int minOverlap) {
        int from = Math.max(0, -offset);
        int to = Math.min(frames.length, other.frames.length - offset);
        int overlap = to - from;
        if (overlap < minOverlap || overlap <= 0) {
            return 0;
        }
        long differing = 0;
        for (int i = from; i < to; i++) {
            differing += Integer.bitCount(frames[i] ^ other.frames[i + offset]);
        }
        return 1.0 - differing / (32.0 * overlap);
    }

    /** As big-endian bytes, for the database. */
    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(frames.length * 4);
        for (int f : frames) {
            buf.putInt(f);
        }
        return buf.array();
    }

    public static Fingerprint fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int[] frames = new int[bytes.length / 4];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = buf.getInt();
        }
        return new Fingerprint(frames);
    }

    /** Parses fpcalc's {@code FINGERPRINT=1,2,3} line (unsigned decimals); empty when there is none. */
    public static Optional<Fingerprint> parseFpcalc(String stdout) {
        for (String line : stdout.split("\n")) {
            String l = line.strip();
            if (l.startsWith("FINGERPRINT=")) {
                String[] parts = l.substring("FINGERPRINT=".length()).split(",");
                int[] frames = new int[parts.length];
                try {
                    for (int i = 0; i < parts.length; i++) {
                        frames[i] = (int) Long.parseLong(parts[i].strip());
                    }
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                return frames.length == 0 ? Optional.empty() : Optional.of(new Fingerprint(frames));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(frames, f.frames);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frames);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + frames.length + " frames]";
    }
}
