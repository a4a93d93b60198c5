package dance.normal.player.audio;

/**
 * The gain applied to one track so that tracks play at an even loudness, never so much that its loudest sample
 * would clip.
 *
 * @param db the gain in decibels; negative makes the track quieter
 */
public record TrackGain(double db) {

    /** No change: for tracks whose loudness is unknown. */
    public static final TrackGain NONE = new TrackGain(0);

    /** The loudness tracks are brought to, in LUFS: the level of the common streaming services. */
    public static final double TARGET_LUFS = -14.0;

    /** How far below full scale the loudest sample must stay after the gain, in dB. */
    public static final double HEADROOM_DB = 1.0;

    /** The range libVLC's pre-amplifier accepts, which carries the gain. */
    public static final double MAX_ABS_DB = 20.0;

    public TrackGain {
        if (!Double.isFinite(db) || Math.abs(db) > MAX_ABS_DB) {
            throw new IllegalArgumentException("gain must be within +/-" + MAX_ABS_DB + " dB: " + db);
        }
    }

    /**
     * The gain from the catalog's measurements.
     *
     * @param loudnessLufs EBU R128 integrated loudness, or null when unknown (then no gain)
     * @param peakDbfs     the sample peak in dBFS, or null when unknown (then the track is never made louder)
     * @return the gain that brings the track to {@link #TARGET_LUFS}, limited so the peak stays
     *         {@link #HEADROOM_DB} below full scale
     */
    public static TrackGain fromLoudness(Double loudnessLufs, Double peakDbfs) {
        if (loudnessLufs == null || !Double.isFinite(loudnessLufs)) {
            return NONE;
        }
        return limited(TARGET_LUFS - loudnessLufs, peakDbfs);
    }

    /**
     * The gain from ReplayGain tags, as a file's tags give it.
     *
     * @param trackGainDb  {@code REPLAYGAIN_TRACK_GAIN} in dB
     * @param trackPeak    {@code REPLAYGAIN_TRACK_PEAK} as a linear amplitude (1.0 is full scale), or null when
     *                     not tagged (then the track is never made louder)
     * @return the tagged gain, limited so the peak stays {@link #HEADROOM_DB} below full scale
     */
    public static TrackGain fromReplayGain(double trackGainDb, Double trackPeak) {
        if (!Double.isFinite(trackGainDb)) {
            return NONE;
        }
        Double peakDbfs = trackPeak == null || !(trackPeak > 0) ? null : 20 * Math.log10(trackPeak);
        return limited(trackGainDb, peakDbfs);
    }

    /** Boosts only as far as the peak allows (none when the peak is unknown); attenuation is never limited. */
    private static TrackGain limited(double wantedDb, Double peakDbfs) {
        double ceiling = peakDbfs == null || !Double.isFinite(peakDbfs) ? 0 : Math.max(0, -HEADROOM_DB - peakDbfs);
        return new TrackGain(Math.clamp(Math.min(wantedDb, ceiling), -MAX_ABS_DB, MAX_ABS_DB));
    }

    /** The amplitude factor this gain multiplies samples by. */
    public double factor() {
        return Math.pow(10, db / 20);
    }
}
