package dance.normal.server.demo;

/**
 * The last stage before 16-bit: level the track to a common loudness, round off the few peaks above it with a soft
 * knee, and fade in and out. The output ceiling guarantees that no sample comes near full scale, which also leaves
 * headroom for the overshoot that MP3 and Vorbis encoders add.
 */
final class Mastering {

    /** -1.4 dBFS; the soft clipper's output never reaches 1, so no sample exceeds this. */
    static final double CEILING = 0.85;
    private static final double TARGET_RMS = 0.25;
    /** Gain stops where the loudest peak would be pushed this far into the soft clipper. */
    private static final double MAX_PEAK = 1.5;
    private static final double KNEE = 0.6;

    private Mastering() {
    }

    static Pcm finish(float[] left, float[] right, double fadeIn, double fadeOut) {
        highpass(left);
        highpass(right);
        double sum = 0;
        double peak = 1e-9;
        for (int i = 0; i < left.length; i++) {
            sum += left[i] * left[i] + right[i] * right[i];
            peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
        }
        double rms = Math.sqrt(sum / (2.0 * left.length)) + 1e-9;
        double gain = Math.min(TARGET_RMS / rms, MAX_PEAK / peak);
        int frames = left.length;
        int in = (int) (fadeIn * Synth.RATE);
        int out = (int) (fadeOut * Synth.RATE);
        short[] samples = new short[frames * 2];
        for (int i = 0; i < frames; i++) {
            double fade = 1;
            if (i < in) {
                fade = 0.5 - 0.5 * Math.cos(Math.PI * i / in);
            }
            if (i >= frames - out) {
                fade *= 0.5 - 0.5 * Math.cos(Math.PI * (frames - 1 - i) / out);
            }
            samples[2 * i] = quantize(soft(left[i] * gain) * fade);
            samples[2 * i + 1] = quantize(soft(right[i] * gain) * fade);
        }
        return new Pcm(samples, Synth.RATE, 2);
    }

    /** Linear up to the knee, then a tanh curve that approaches (but never reaches) 1. */
    static double soft(double x) {
        double a = Math.abs(x);
        if (a <= KNEE) {
            return x;
        }
        return Math.signum(x) * (KNEE + (1 - KNEE) * Math.tanh((a - KNEE) / (1 - KNEE)));
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
