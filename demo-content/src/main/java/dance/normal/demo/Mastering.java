package dance.normal.demo;

import java.util.Arrays;

/**
 * The last stage before 16-bit: level the track to a common loudness, catch the peaks with a look-ahead limiter,
 * and fade in and out. The limiter guarantees that no sample exceeds {@link #CEILING}, which also leaves headroom
 * for the overshoot that MP3 and Vorbis encoders add.
 */
final class Mastering {

    /** -1.4 dBFS: the highest sample value the limiter lets through. */
    static final double CEILING = 0.85;
    /** At most this much limiting (about 9.5 dB) on the loudest peak; beyond it the track is left quieter. */
    private static final double MAX_PEAK = 3.0;
    /** 5 ms: the limiter starts lowering the gain this early, so a peak is never clipped, only turned down. */
    private static final int LOOKAHEAD = Synth.RATE / 200;
    /** 80 ms to recover from full reduction; faster release would audibly distort bass notes. */
    private static final double RECOVERY = 1.0 / (0.08 * Synth.RATE);

    private Mastering() {
    }

    /** @param loudness wanted level as a K-weighted-ish RMS (0.14 comes out near -14 LUFS for these mixes) */
    static Pcm finish(float[] left, float[] right, double loudness, double fadeIn, double fadeOut) {
        highpass(left);
        highpass(right);
        double gain = Math.min(loudness / (weightedRms(left, right) + 1e-9), MAX_PEAK / peak(left, right));
        float[] envelope = limiter(left, right, gain);
        int frames = left.length;
        int in = (int) (fadeIn * Synth.RATE);
        int out = (int) (fadeOut * Synth.RATE);
        short[] samples = new short[frames * 2];
        for (int i = 0; i < frames; i++) {
            double g = envelope[i];
            if (i < in) {
                g *= 0.5 - 0.5 * Math.cos(Math.PI * i / in);
            }
            if (i >= frames - out) {
                g *= 0.5 - 0.5 * Math.cos(Math.PI * (frames - 1 - i) / out);
            }
            samples[2 * i] = quantize(left[i] * g);
            samples[2 * i + 1] = quantize(right[i] * g);
        }
        return new Pcm(samples, Synth.RATE, 2);
    }

    /**
     * Per-sample gain that keeps {@code gain * signal} within [-1, 1]. The needed reduction is spread over a window
     * of +-5 ms (minimum, then average, so every sample still gets at least the reduction it needs) and released
     * slowly, which turns peaks down smoothly instead of flattening them.
     */
    private static float[] limiter(float[] left, float[] right, double gain) {
        int n = left.length;
        if (peak(left, right) * gain <= 1) {
            float[] constant = new float[n];
            Arrays.fill(constant, (float) gain);
            return constant;
        }
        double[] need = new double[n];
        for (int i = 0; i < n; i++) {
            double a = Math.max(Math.abs(left[i]), Math.abs(right[i])) * gain;
            need[i] = a > 1 ? 1 / a : 1;
        }
        double[] floor = slidingMin(need, LOOKAHEAD);
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + floor[i];
        }
        float[] envelope = new float[n];
        double current = 1;
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - LOOKAHEAD);
            int to = Math.min(n, i + LOOKAHEAD + 1);
            double smooth = (prefix[to] - prefix[from]) / (to - from);
            current = Math.min(smooth, current + RECOVERY);
            envelope[i] = (float) (current * gain);
        }
        return envelope;
    }

    private static double peak(float[] left, float[] right) {
        double peak = 1e-9;
        for (int i = 0; i < left.length; i++) {
            peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
        }
        return peak;
    }

    /** Minimum of {@code x} over [i - radius, i + radius], in linear time with a monotonic queue of indices. */
    private static double[] slidingMin(double[] x, int radius) {
        int n = x.length;
        double[] out = new double[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        int next = 0;
        for (int i = 0; i < n; i++) {
            for (; next < n && next <= i + radius; next++) {
                while (tail > head && x[queue[tail - 1]] >= x[next]) {
                    tail--;
                }
                queue[tail++] = next;
            }
            while (queue[head] < i - radius) {
                head++;
            }
            out[i] = x[queue[head]];
        }
        return out;
    }

    /**
     * RMS after a 120 Hz high-pass, a crude stand-in for the K-weighting of loudness meters: without it a track with
     * a heavy kick drum measures loud and ends up mastered quieter than the others.
     */
    private static double weightedRms(float[] left, float[] right) {
        Svf l = new Svf(120, 0);
        Svf r = new Svf(120, 0);
        double sum = 0;
        for (int i = 0; i < left.length; i++) {
            l.tick(left[i]);
            r.tick(right[i]);
            sum += l.high() * l.high() + r.high() * r.high();
        }
        return Math.sqrt(sum / (2.0 * left.length));
    }

    private static short quantize(double x) {
        return (short) Math.round(Math.clamp(x * CEILING, -1.0, 1.0) * 32767);
    }

    /** One-pole high-pass at ~25 Hz: removes DC and sub-sonic rumble that would only waste headroom. */
    private static void highpass(float[] buf) {
        double r = 1 - 2 * Math.PI * 25 / Synth.RATE;
        double prevIn = 0;
        double prevOut = 0;
        for (int i = 0; i < buf.length; i++) {
            double y = buf[i] - prevIn + r * prevOut;
            prevIn = buf[i];
            prevOut = y;
            buf[i] = (float) y;
        }
    }
}
