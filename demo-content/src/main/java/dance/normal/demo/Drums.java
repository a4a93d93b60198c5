package dance.normal.demo;

/**
 * Synthesised drum hits. No samples: a kick is a sine swept down in pitch, a snare is a short tone plus filtered
 * noise, hi-hats are inharmonic square waves and noise through a high-pass, the way analog drum machines did it.
 */
final class Drums {

    enum Kit { ELECTRO, TECHNO, LOFI, CHIP }

    enum Voice {
        KICK(0), SNARE(0), CLAP(0.05), HAT(0.2), OPEN_HAT(0.25), RIM(-0.25), SHAKER(-0.35);

        private final double pan;

        Voice(double pan) {
            this.pan = pan;
        }
    }

    /** Frequencies of the six square oscillators of the 808 cymbal circuit. */
    private static final double[] METAL = {205.3, 304.4, 369.6, 522.7, 540.0, 800.0};

    private Drums() {
    }

    /** One hit at full velocity, already panned: {left, right}. */
    static float[][] render(Kit kit, Voice voice, long seed) {
        Noise noise = new Noise(seed);
        float[] mono = switch (voice) {
            case KICK -> kick(kit, noise);
            case SNARE -> snare(kit, noise);
            case CLAP -> clap(noise);
            case HAT -> hat(kit, noise, kit == Kit.LOFI ? 0.03 : 0.04);
            case OPEN_HAT -> hat(kit, noise, 0.22);
            case RIM -> rim(noise);
            case SHAKER -> shaker(noise);
        };
        double angle = (voice.pan + 1) * Math.PI / 4;
        float gl = (float) Math.cos(angle);
        float gr = (float) Math.sin(angle);
        float[][] out = new float[2][mono.length];
        for (int i = 0; i < mono.length; i++) {
            out[0][i] = mono[i] * gl;
            out[1][i] = mono[i] * gr;
        }
        return out;
    }

    /** Sweep from {@code top} to {@code bottom} Hz; {@code drive} is how hard the body is saturated. */
    private record KickShape(double top, double bottom, double sweep, double decay, double click, double drive) {
    }

    private static float[] kick(Kit kit, Noise noise) {
        KickShape k = switch (kit) {
            case TECHNO -> new KickShape(180, 46, 0.028, 0.36, 0.35, 3.0);
            case LOFI -> new KickShape(115, 52, 0.04, 0.22, 0.08, 1.4);
            case CHIP -> new KickShape(240, 55, 0.02, 0.09, 0, 1.0);
            case ELECTRO -> new KickShape(160, 50, 0.032, 0.30, 0.25, 2.0);
        };
        double top = k.top();
        double bottom = k.bottom();
        double sweep = k.sweep();
        double decay = k.decay();
        double click = k.click();
        double drive = k.drive();
        float[] out = new float[(int) (decay * 2.2 * Synth.RATE)];
        double phase = 0;
        double norm = Math.tanh(drive);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / Synth.RATE;
            double freq = bottom + (top - bottom) * Math.exp(-t / sweep);
            phase += freq / Synth.RATE;
            double body = kit == Kit.CHIP ? Math.signum(Synth.sin(phase)) * 0.6 : Synth.sin(phase);
            double amp = Math.min(1, t / 0.001) * Math.exp(-t / decay);
            double s = body * amp + click * noise.next() * Math.exp(-t / 0.0025);
            out[i] = (float) (Math.tanh(drive * s) / norm * fadeOut(i, out.length));
        }
        return out;
    }

    private static float[] snare(Kit kit, Noise noise) {
        double noiseDecay = switch (kit) {
            case LOFI -> 0.16;
            case TECHNO -> 0.12;
            case CHIP -> 0.1;
            default -> 0.15;
        };
        float[] out = new float[(int) (noiseDecay * 3 * Synth.RATE)];
        Svf hp = new Svf(kit == Kit.LOFI ? 2200 : 1500, 0.1);
        double tone = kit == Kit.LOFI ? 175 : 190;
        double held = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / Synth.RATE;
            double s;
            if (kit == Kit.CHIP) {
                // Sample-and-hold at 11 kHz gives the gritty noise channel of old sound chips.
                if (i % 4 == 0) {
                    held = noise.next();
                }
                s = held * Math.exp(-t / noiseDecay);
            } else {
                hp.tick(noise.next());
                double n = (kit == Kit.LOFI ? hp.band() * 1.6 : hp.high()) * Math.exp(-t / noiseDecay);
                s = 0.5 * Synth.sin(tone * t) * Math.exp(-t / 0.06) + 0.8 * n;
            }
            out[i] = (float) (s * fadeOut(i, out.length));
        }
        return out;
    }

    private static float[] clap(Noise noise) {
        float[] out = new float[(int) (0.4 * Synth.RATE)];
        Svf bp = new Svf(1150, 0.3);
        double[] bursts = {0, 0.011, 0.021, 0.031};
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / Synth.RATE;
            double env = 0;
            for (double b : bursts) {
                if (t >= b) {
                    env = Math.max(env, Math.exp(-(t - b) / 0.0055));
                }
            }
            if (t >= 0.031) {
                env = Math.max(env, 0.7 * Math.exp(-(t - 0.031) / 0.1));
            }
            bp.tick(noise.next());
            out[i] = (float) (bp.band() * 2.2 * env * fadeOut(i, out.length));
        }
        return out;
    }

    private static float[] hat(Kit kit, Noise noise, double decay) {
        float[] out = new float[(int) (decay * 4 * Synth.RATE)];
        Svf hp = new Svf(kit == Kit.LOFI ? 6000 : 7500, 0.2);
        Svf lp = new Svf(kit == Kit.LOFI ? 9000 : 16000, 0);
        double[] phases = new double[METAL.length];
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / Synth.RATE;
            double s;
            if (kit == Kit.CHIP) {
                s = noise.next();
            } else {
                double metal = 0;
                for (int k = 0; k < METAL.length; k++) {
                    phases[k] += METAL[k] * 1.7 / Synth.RATE;
                    metal += phases[k] - Math.floor(phases[k]) < 0.5 ? 1 : -1;
                }
                s = metal / METAL.length * 0.6 + noise.next() * 0.7;
            }
            hp.tick(s);
            lp.tick(hp.high());
            out[i] = (float) (lp.low() * Math.exp(-t / decay) * fadeOut(i, out.length));
        }
        return out;
    }

    private static float[] rim(Noise noise) {
        float[] out = new float[(int) (0.08 * Synth.RATE)];
        Svf bp = new Svf(3000, 0.5);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / Synth.RATE;
            bp.tick(noise.next());
            double tone = 0.6 * Synth.sin(1700 * t) + 0.4 * Synth.sin(420 * t);
            double s = tone * Math.exp(-t / 0.012) + bp.band() * Math.exp(-t / 0.008);
            out[i] = (float) (s * fadeOut(i, out.length));
        }
        return out;
    }

    private static float[] shaker(Noise noise) {
        float[] out = new float[(int) (0.15 * Synth.RATE)];
        Svf bp = new Svf(6500, 0.2);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / Synth.RATE;
            bp.tick(noise.next());
            double env = t < 0.015 ? t / 0.015 : Math.exp(-(t - 0.015) / 0.05);
            out[i] = (float) (bp.band() * 1.5 * env * fadeOut(i, out.length));
        }
        return out;
    }

    /** Last 5 ms ramp to zero, so truncating a decaying tail never leaves a click. */
    private static double fadeOut(int i, int length) {
        int ramp = Synth.RATE / 200;
        int left = length - i;
        return left >= ramp ? 1 : (double) left / ramp;
    }
}
