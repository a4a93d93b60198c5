package dance.normal.demo;

/**
 * A state-variable filter in the topology-preserving (trapezoidal) form: unlike the textbook Chamberlin version it
 * stays stable when the cutoff sweeps quickly or sits close to Nyquist, which the filter envelopes do all the time.
 */
final class Svf {

    private double a1;
    private double a2;
    private double a3;
    private double k;
    private double ic1;
    private double ic2;
    private double low;
    private double band;
    private double high;

    Svf(double cutoffHz, double resonance) {
        set(cutoffHz, resonance);
    }

    /** @param resonance 0 gives a Butterworth-like response, values near 1 ring. */
    void set(double cutoffHz, double resonance) {
        double fc = Math.clamp(cutoffHz, 10.0, Synth.RATE * 0.45);
        double g = Math.tan(Math.PI * fc / Synth.RATE);
        k = 1.414 - 1.3 * Math.clamp(resonance, 0.0, 0.95);
        a1 = 1.0 / (1.0 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    /** Filters one sample; read the outputs with {@link #low()}, {@link #band()} and {@link #high()}. */
    void tick(double in) {
        double v3 = in - ic2;
        double v1 = a1 * ic1 + a2 * v3;
        double v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        low = v2;
        band = v1;
        high = in - k * v1 - v2;
    }

    double low() {
        return low;
    }

    double band() {
        return band;
    }

    double high() {
        return high;
    }
}
