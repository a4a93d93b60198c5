package dance.normal.server.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the quality report reads from the decoded samples themselves, in one pass over 16-bit little-endian PCM as
 * ffmpeg writes it: clipped samples, silence at both ends, the waveform and the loudest 30 seconds for the preview.
 * The samples are summed into 10 ms blocks (peak and energy) as they arrive, so memory grows with the duration in
 * blocks, not samples. Not thread-safe: one decode feeds one instance.
 */
final class PcmAnalysis {

    /** Slices in the waveform. */
    static final int WAVEFORM_SLICES = 500;
    static final long PREVIEW_MS = 30_000;
    /** A sample above -60 dBFS is sound; below it, silence (dither, hiss, a fade's tail). */
    static final int SILENCE_LEVEL = 33;
    private static final int BLOCKS_PER_SECOND = 100;
    /** Windows within this share of the loudest count as equally loud; the earliest of them is suggested. */
    private static final double NEAR_LOUDEST = 0.98;

    /**
     * @param waveform peak of each slice, 0 to 1000
     */
    record Result(long durationMs, long clippedSamples, long silenceStartMs, long silenceEndMs, List<Integer> waveform,
                  long suggestedPreviewStartMs) {
    }

    private final int sampleRate;
    private final int channels;
    private final int blockFrames;
    private final byte[] carry = new byte[1];
    private boolean carrying;
    private int channel;
    private long frames;
    private long clipped;
    private long firstSound = -1;
    private long lastSound = -1;
    private int blockFill;
    private int blockPeak;
    private double blockEnergy;
    private int[] peaks = new int[1024];
    private double[] energies = new double[1024];
    private int blocks;

    PcmAnalysis(int sampleRate, int channels) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.blockFrames = Math.max(1, sampleRate / BLOCKS_PER_SECOND);
    }

    /** Takes the next {@code length} bytes of the stream; a sample may be split across calls. */
    void accept(byte[] bytes, int length) {
        int i = 0;
        if (carrying && length > 0) {
            sample((short) ((carry[0] & 0xFF) | (bytes[0] << 8)));
            carrying = false;
            i = 1;
        }
        for (; i + 1 < length; i += 2) {
            sample((short) ((bytes[i] & 0xFF) | (bytes[i + 1] << 8)));
        }
        if (i < length) {
            carry[0] = bytes[i];
            carrying = true;
        }
    }

    private void sample(short s) {
        int abs = Math.abs((int) s);
        if (s == Short.MAX_VALUE || s == Short.MIN_VALUE) {
            clipped++;
        }
        if (abs >= SILENCE_LEVEL) {
            if (firstSound < 0) {
                firstSound = frames;
            }
            lastSound = frames;
        }
        if (abs > blockPeak) {
            blockPeak = abs;
        }
        blockEnergy += (double) s * s;
        if (++channel == channels) {
            channel = 0;
            frames++;
            if (++blockFill == blockFrames) {
                endBlock();
            }
        }
    }

    private void endBlock() {
        if (blocks == peaks.length) {
            peaks = Arrays.copyOf(peaks, blocks * 2);
            energies = Arrays.copyOf(energies, blocks * 2);
        }
        peaks[blocks] = blockPeak;
        energies[blocks] = blockEnergy;
        blocks++;
        blockFill = 0;
        blockPeak = 0;
        blockEnergy = 0;
    }

    long frames() {
        return frames;
    }

    Result finish() {
        if (blockFill > 0) {
            endBlock();
        }
        long durationMs = frames * 1000 / sampleRate;
        long silenceStart = firstSound < 0 ? durationMs : firstSound * 1000 / sampleRate;
        long silenceEnd = lastSound < 0 ? durationMs : (frames - 1 - lastSound) * 1000 / sampleRate;
        return new Result(durationMs, clipped, silenceStart, silenceEnd, waveform(), previewStart(durationMs));
    }

    private List<Integer> waveform() {
        int slices = Math.min(WAVEFORM_SLICES, blocks);
        List<Integer> out = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            int from = (int) ((long) i * blocks / slices);
            int to = (int) ((long) (i + 1) * blocks / slices);
            int peak = 0;
            for (int b = from; b < to; b++) {
                peak = Math.max(peak, peaks[b]);
            }
            out.add((int) Math.min(1000, Math.round(peak * 1000.0 / 32768)));
        }
        return out;
    }

    /**
     * The start of the loudest 30 seconds (by energy), on a 100 ms grid, never in the first tenth of the track: an
     * intro rarely sells a song. Of windows about as loud as the loudest, the earliest wins (the first chorus).
     */
    private long previewStart(long durationMs) {
        int window = (int) (PREVIEW_MS * sampleRate / (1000L * blockFrames));
        if (durationMs <= PREVIEW_MS || blocks <= window) {
            return 0;
        }
        int last = blocks - window;
        int first = Math.min(last, blocks / 10);
        double[] sums = new double[last + 1];
        double sum = 0;
        for (int b = 0; b < window; b++) {
            sum += energies[b];
        }
        sums[0] = sum;
        for (int s = 1; s <= last; s++) {
            sum += energies[s + window - 1] - energies[s - 1];
            sums[s] = sum;
        }
        int step = BLOCKS_PER_SECOND / 10;
        double loudest = 0;
        for (int s = first; s <= last; s++) {
            loudest = Math.max(loudest, sums[s]);
        }
        for (int s = first - first % step; s <= last; s += step) {
            if (s >= first && sums[s] >= loudest * NEAR_LOUDEST) {
                return blockMs(s);
            }
        }
        return blockMs(first);
    }

    private long blockMs(int block) {
        return (long) block * blockFrames * 1000 / sampleRate;
    }
}
