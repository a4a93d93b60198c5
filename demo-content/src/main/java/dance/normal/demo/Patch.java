package dance.normal.demo;

/**
 * The sound of one instrument: oscillator, amplitude envelope, an optional low-pass filter with its own decaying
 * envelope, and the knobs of the FM, unison and vibrato sections. Withers keep the per-style presets short.
 *
 * @param cutoff       low-pass cutoff in Hz; at or above 16 kHz the filter is skipped
 * @param filterEnv    Hz added to the cutoff at note start, decaying with {@code filterDecay} seconds
 * @param resonance    0 (none) to about 0.9 (squelchy)
 * @param detuneCents  spread of the unison voices
 * @param fmIndex      modulation depth for {@link Wave#FM}, decaying with {@code fmDecay} seconds
 * @param pulseWidth   duty cycle for {@link Wave#SQUARE}; also the brightness of {@link Wave#PLUCK}
 * @param lfoCents     vibrato depth; slow rates read as tape wow
 */
record Patch(Wave wave, Adsr amp, double cutoff, double filterEnv, double filterDecay, double resonance, int unison,
             double detuneCents, double fmRatio, double fmIndex, double fmDecay, double pulseWidth, double lfoRate,
             double lfoCents, double gain) {

    enum Wave { SINE, TRIANGLE, SAW, SQUARE, FM, ORGAN, PLUCK }

    /** Attack/decay/release in seconds, sustain as a level 0-1. */
    record Adsr(double attack, double decay, double sustain, double release) {
    }

    static Patch of(Wave wave, Adsr amp) {
        return new Patch(wave, amp, 20_000, 0, 0.2, 0, 1, 0, 1, 0, 0.5, 0.5, 0, 0, 1);
    }

    Patch filter(double hz, double envHz, double decaySeconds, double reso) {
        return new Patch(wave, amp, hz, envHz, decaySeconds, reso, unison, detuneCents, fmRatio, fmIndex, fmDecay,
                pulseWidth, lfoRate, lfoCents, gain);
    }

    Patch unison(int voices, double cents) {
        return new Patch(wave, amp, cutoff, filterEnv, filterDecay, resonance, voices, cents, fmRatio, fmIndex, fmDecay,
                pulseWidth, lfoRate, lfoCents, gain);
    }

    Patch fm(double ratio, double index, double decaySeconds) {
        return new Patch(wave, amp, cutoff, filterEnv, filterDecay, resonance, unison, detuneCents, ratio, index,
                decaySeconds, pulseWidth, lfoRate, lfoCents, gain);
    }

    Patch pulse(double width) {
        return new Patch(wave, amp, cutoff, filterEnv, filterDecay, resonance, unison, detuneCents, fmRatio, fmIndex,
                fmDecay, width, lfoRate, lfoCents, gain);
    }

    Patch vibrato(double rate, double cents) {
        return new Patch(wave, amp, cutoff, filterEnv, filterDecay, resonance, unison, detuneCents, fmRatio, fmIndex,
                fmDecay, pulseWidth, rate, cents, gain);
    }

    Patch gain(double level) {
        return new Patch(wave, amp, cutoff, filterEnv, filterDecay, resonance, unison, detuneCents, fmRatio, fmIndex,
                fmDecay, pulseWidth, lfoRate, lfoCents, level);
    }
}
