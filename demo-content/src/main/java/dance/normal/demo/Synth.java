package dance.normal.demo;

/**
 * Renders single notes of a {@link Patch} into a stereo buffer. Every note is computed on its own (no shared voice
 * state), which keeps the code simple and makes the output independent of rendering order.
 */
final class Synth {

    static final int RATE = 44_100;

    private static final int TABLE_SIZE = 4096;
    private static final float[] SINE = new float[TABLE_SIZE + 1];
    /** ln(2)/1200: turns cents into a frequency factor, accurate enough for vibrato depths of a few cents. */
    private static final double CENT = 0.000577623;

    static {
        for (int i = 0; i <= TABLE_SIZE; i++) {
            SINE[i] = (float) Math.sin(2 * Math.PI * i / TABLE_SIZE);
        }
    }

    private Synth() {
    }

    static double hz(double midi) {
        return 440.0 * Math.pow(2.0, (midi - 69.0) / 12.0);
    }

    /** Table sine of a phase given in cycles, so callers can keep phases in [0, 1) and never call Math.sin. */
    static double sin(double cycles) {
        double p = cycles >= 0 && cycles < 1 ? cycles : cycles - Math.floor(cycles);
        double x = p * TABLE_SIZE;
        // The mask folds the rare p == 1.0 (rounding of tiny negative phases) back to the table start.
        int i = (int) x & (TABLE_SIZE - 1);
        double f = x - (int) x;
        return SINE[i] + (SINE[i + 1] - SINE[i]) * f;
    }

    /**
     * Adds one note to {@code left}/{@code right}.
     *
     * @param start    seconds from the beginning of the buffer
     * @param seconds  how long the key is held; the release tail comes on top
     * @param pan      -1 (left) to 1 (right), constant power
     */
    static void note(float[] left, float[] right, double start, double seconds, double midi, double velocity,
                     double pan, Patch patch, long seed) {
        int offset = (int) Math.round(start * RATE);
        int held = Math.max(1, (int) (seconds * RATE));
        int release = Math.max(1, (int) (patch.amp().release() * RATE));
        int n = Math.min(held + release, left.length - offset);
        if (n <= 0 || offset < 0) {
            return;
        }
        double freq = hz(midi);
        float[] voice = new float[n];
        Noise noise = new Noise(seed);
        if (patch.wave() == Patch.Wave.PLUCK) {
            pluck(voice, freq, patch, noise);
        } else {
            oscillators(voice, freq, patch, noise);
        }
        if (patch.cutoff() < 16_000) {
            lowpass(voice, patch);
        }
        double angle = (Math.clamp(pan, -1.0, 1.0) + 1) * Math.PI / 4;
        double gain = velocity * patch.gain();
        envelope(voice, held, release, patch.amp());
        double gl = Math.cos(angle) * gain;
        double gr = Math.sin(angle) * gain;
        for (int i = 0; i < n; i++) {
            left[offset + i] += (float) (voice[i] * gl);
            right[offset + i] += (float) (voice[i] * gr);
        }
    }

    private static void oscillators(float[] out, double freq, Patch p, Noise noise) {
        int voices = Math.max(1, p.unison());
        float norm = (float) (1.0 / Math.sqrt(voices));
        float[] vibrato = vibrato(out.length, p, noise);
        for (int v = 0; v < voices; v++) {
            double cents = voices == 1 ? 0 : p.detuneCents() * (2.0 * v / (voices - 1) - 1);
            double inc = freq * Math.pow(2, cents / 1200) / RATE;
            double phase = voices == 1 ? 0 : noise.nextUnit();
            // One tight loop per waveform: a switch inside the per-sample loop costs a third of the render time.
            switch (p.wave()) {
                case SINE -> sine(out, inc, phase, vibrato, norm);
                case TRIANGLE -> triangle(out, inc, phase, vibrato, norm);
                case SAW -> saw(out, inc, phase, vibrato, norm);
                case SQUARE -> square(out, inc, phase, p.pulseWidth(), vibrato, norm);
                case ORGAN -> organ(out, inc, phase, vibrato, norm);
                case FM -> fm(out, inc, phase, p, vibrato, norm);
                default -> throw new IllegalArgumentException("not an oscillator: " + p.wave());
            }
        }
    }

    /**
     * Per-sample frequency factors, or null without vibrato. The depth fades in over a quarter second, as a player
     * would add it, instead of wobbling from the attack.
     */
    private static float[] vibrato(int n, Patch p, Noise noise) {
        if (p.lfoCents() <= 0) {
            return null;
        }
        float[] factor = new float[n];
        double lfo = noise.nextUnit();
        double lfoInc = p.lfoRate() / RATE;
        double ramp = 1.0 / (0.25 * RATE);
        for (int i = 0; i < n; i++) {
            factor[i] = (float) (1 + p.lfoCents() * CENT * Math.min(1, i * ramp) * sin(lfo));
            lfo += lfoInc;
        }
        return factor;
    }

    private static void sine(float[] out, double inc, double phase, float[] vib, float norm) {
        double ph = phase;
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) sin(ph) * norm;
            ph = wrap(ph + (vib == null ? inc : inc * vib[i]));
        }
    }

    private static void triangle(float[] out, double inc, double phase, float[] vib, float norm) {
        double ph = phase;
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (4 * Math.abs(ph - 0.5) - 1) * norm;
            ph = wrap(ph + (vib == null ? inc : inc * vib[i]));
        }
    }

    private static void saw(float[] out, double inc, double phase, float[] vib, float norm) {
        double ph = phase;
        for (int i = 0; i < out.length; i++) {
            double dt = vib == null ? inc : inc * vib[i];
            out[i] += (float) (2 * ph - 1 - blep(ph, dt)) * norm;
            ph = wrap(ph + dt);
        }
    }

    private static void square(float[] out, double inc, double phase, double width, float[] vib, float norm) {
        double ph = phase;
        for (int i = 0; i < out.length; i++) {
            double dt = vib == null ? inc : inc * vib[i];
            double falling = ph + 1 - width;
            double s = (ph < width ? 1 : -1) + blep(ph, dt) - blep(falling >= 1 ? falling - 1 : falling, dt);
            out[i] += (float) s * norm;
            ph = wrap(ph + dt);
        }
    }

    private static void organ(float[] out, double inc, double phase, float[] vib, float norm) {
        double ph = phase;
        for (int i = 0; i < out.length; i++) {
            double s = sin(ph) + 0.5 * sin(2 * ph) + 0.25 * sin(3 * ph) + 0.12 * sin(4 * ph);
            out[i] += (float) (s * 0.55) * norm;
            ph = wrap(ph + (vib == null ? inc : inc * vib[i]));
        }
    }

    /** Two-operator FM; the modulation index decays from the bright attack to a 15% sustaining floor. */
    private static void fm(float[] out, double inc, double phase, Patch p, float[] vib, float norm) {
        double ph = phase;
        double mod = 0;
        double ratio = p.fmRatio();
        double floor = p.fmIndex() * 0.15 / (2 * Math.PI);
        double index = p.fmIndex() * 0.85 / (2 * Math.PI);
        double decay = Math.exp(-1.0 / (Math.max(0.005, p.fmDecay()) * RATE));
        for (int i = 0; i < out.length; i++) {
            double dt = vib == null ? inc : inc * vib[i];
            out[i] += (float) sin(ph + sin(mod) * (floor + index)) * norm;
            index *= decay;
            ph = wrap(ph + dt);
            mod = wrap(mod + dt * ratio);
        }
    }

    private static double wrap(double phase) {
        return phase >= 1 ? phase - 1 : phase;
    }

    /** Karplus-Strong: a burst of filtered noise circulating in a delay line one period long. */
    private static void pluck(float[] out, double freq, Patch p, Noise noise) {
        double period = RATE / freq;
        // The two-point average in the loop adds half a sample of delay; compensating keeps high notes in tune.
        double delay = period - 0.5;
        int burst = Math.min(out.length, (int) Math.ceil(period) + 2);
        double brightness = Math.clamp(p.pulseWidth(), 0.05, 1.0);
        double lp = 0;
        double peak = 1e-9;
        for (int i = 0; i < burst; i++) {
            lp += (noise.next() - lp) * brightness;
            out[i] = (float) lp;
            peak = Math.max(peak, Math.abs(lp));
        }
        // Darker bursts come out of the low-pass much quieter; normalising keeps every pluck at the same level.
        for (int i = 0; i < burst; i++) {
            out[i] /= (float) peak;
        }
        double feedback = 0.996;
        for (int i = burst; i < out.length; i++) {
            double a = read(out, i - delay);
            double b = read(out, i - delay - 1);
            out[i] = (float) (feedback * 0.5 * (a + b));
        }
    }

    private static double read(float[] buf, double pos) {
        int k = (int) Math.floor(pos);
        double f = pos - k;
        return buf[k] * (1 - f) + buf[k + 1] * f;
    }

    private static void lowpass(float[] buf, Patch p) {
        Svf svf = new Svf(p.cutoff() + p.filterEnv(), p.resonance());
        double env = p.filterEnv();
        // Coefficients need a tan(); updating them every 16 samples is inaudible and much cheaper.
        double envStep = Math.exp(-16.0 / (Math.max(0.005, p.filterDecay()) * RATE));
        // Below 1% of the cutoff the envelope is inaudible; stop paying for tan() there.
        double floor = Math.max(1, p.cutoff() * 0.01);
        for (int i = 0; i < buf.length; i++) {
            if ((i & 15) == 0 && env > floor) {
                svf.set(p.cutoff() + env, p.resonance());
                env *= envStep;
            }
            svf.tick(buf[i]);
            buf[i] = (float) svf.low();
        }
    }

    private static void envelope(float[] buf, int held, int release, Patch.Adsr adsr) {
        int attack = Math.max(1, (int) (adsr.attack() * RATE));
        double sustain = adsr.sustain();
        // Reaching ~99% of the way to the sustain level within the decay time sounds like a natural decay.
        double decayStep = Math.exp(-5.0 / (Math.max(0.005, adsr.decay()) * RATE));
        double releaseStep = Math.exp(-5.0 / release);
        double over = 1 - sustain;
        double level = 0;
        double tail = 0;
        for (int i = 0; i < buf.length; i++) {
            if (i < held) {
                if (i < attack) {
                    level = (double) i / attack;
                } else {
                    level = sustain + over;
                    over *= decayStep;
                }
                tail = level;
            } else {
                double r = (double) (i - held) / release;
                // The linear factor forces the exponential tail to exactly zero, so notes end without a click.
                level = tail * (1 - r);
                tail *= releaseStep;
            }
            buf[i] *= (float) level;
        }
    }

    /** PolyBLEP correction that removes most of the aliasing of a hard edge at phase 0. */
    private static double blep(double t, double dt) {
        if (t < dt) {
            double x = t / dt;
            return x + x - x * x - 1;
        }
        if (t > 1 - dt) {
            double x = (t - 1) / dt;
            return x * x + x + x + 1;
        }
        return 0;
    }

}
