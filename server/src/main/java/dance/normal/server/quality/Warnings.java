package dance.normal.server.quality;

import dance.normal.protocol.studio.QualityWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain-words warnings of a quality report, from what was measured (codes in {@link QualityWarning}). */
final class Warnings {

    /** Peaks above this will distort after lossy encoding or on some speakers (EBU R128 / AES streaming advice). */
    static final double MAX_TRUE_PEAK_DBTP = -1.0;
    /** Quieter than this, players turn it up a lot (streaming services play at about -14 LUFS). */
    static final double QUIET_LUFS = -20.0;
    /** Louder than this, it is squashed and players turn it down anyway. */
    static final double LOUD_LUFS = -8.0;
    static final long SILENCE_START_MS = 2_000;
    static final long SILENCE_END_MS = 5_000;
    static final int MIN_SAMPLE_RATE_HZ = 44_100;

    private Warnings() {
    }

    static List<QualityWarning> of(Measurement m, String duplicateTitle) {
        List<QualityWarning> out = new ArrayList<>();
        if (m.missing(Measurement.NO_FFMPEG)) {
            out.add(new QualityWarning("not_measured", "Loudness, peaks, clipping, silence and the waveform could "
                    + "not be measured: the server has no ffmpeg."));
        }
        if (m.missing(Measurement.FAILED)) {
            out.add(new QualityWarning("not_measured", "The track could not be decoded to measure it."));
        }
        if (m.missing(Measurement.NO_FPCALC)) {
            out.add(new QualityWarning("not_fingerprinted", "The track could not be checked for duplicates: the "
                    + "server has no fpcalc."));
        }
        if (m.truePeakDbtp() != null && m.truePeakDbtp() > MAX_TRUE_PEAK_DBTP) {
            out.add(new QualityWarning("true_peak", "Peaks above -1 dBTP will distort on some speakers (this track "
                    + "peaks at " + oneDecimal(m.truePeakDbtp()) + " dBTP). Lower the level a little."));
        }
        if (m.clippedSamples() > 0) {
            out.add(new QualityWarning("clipping", m.clippedSamples() + (m.clippedSamples() == 1 ? " sample is"
                    : " samples are") + " at full scale: the audio is clipped and may crackle."));
        }
        if (m.integratedLufs() != null && m.integratedLufs() < QUIET_LUFS) {
            out.add(new QualityWarning("too_quiet", "At " + oneDecimal(m.integratedLufs()) + " LUFS it is much "
                    + "quieter than most music; players will turn it up, and with it any noise."));
        }
        if (m.integratedLufs() != null && m.integratedLufs() > LOUD_LUFS) {
            out.add(new QualityWarning("too_loud", "At " + oneDecimal(m.integratedLufs()) + " LUFS it is very loud; "
                    + "players will turn it down, so it will only sound more squashed."));
        }
        if (measured(m) && m.silenceStartMs() >= SILENCE_START_MS) {
            out.add(new QualityWarning("silence_start", seconds(m.silenceStartMs()) + " of silence before the music "
                    + "starts."));
        }
        if (measured(m) && m.silenceEndMs() >= SILENCE_END_MS
                && m.silenceStartMs() < m.durationMs()) {
            out.add(new QualityWarning("silence_end", seconds(m.silenceEndMs()) + " of silence after the music "
                    + "ends."));
        }
        if (m.sampleRateHz() > 0 && m.sampleRateHz() < MIN_SAMPLE_RATE_HZ) {
            out.add(new QualityWarning("low_sample_rate", "The sample rate is " + m.sampleRateHz() + " Hz; below "
                    + "44,100 Hz the highest notes and cymbals are lost."));
        }
        if (Measurement.lossy(m.codec())) {
            out.add(new QualityWarning("lossy_source", "This is a lossy file (" + m.codec().toUpperCase(Locale.ROOT)
                    + "); upload the lossless master (WAV or FLAC) if you have it."));
        }
        if (duplicateTitle != null) {
            out.add(new QualityWarning("duplicate", "This is the same recording as \"" + duplicateTitle
                    + "\", already in the catalog."));
        }
        return out;
    }

    private static boolean measured(Measurement m) {
        return !m.missing(Measurement.NO_FFMPEG) && !m.missing(Measurement.FAILED);
    }

    private static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f seconds", ms / 1000.0);
    }
}
