package dance.normal.server.quality;

import java.util.List;
import java.util.Set;

/**
 * What one analysis of a track's audio measured, as kept in {@code quality_reports}.
 *
 * @param integratedLufs null for digital silence or when not measured
 * @param truePeakDbtp   null when not measured
 * @param bitDepth       null for lossy codecs
 * @param waveform       peaks of up to 500 equal slices, 0 to 1000; empty when not measured
 * @param unmeasured     what could not be measured ({@link #NO_FFMPEG}, {@link #NO_FPCALC}, both, comma-separated, or
 *                       {@link #FAILED}),
 *                       null when everything was
 */
public record Measurement(Double integratedLufs, Double truePeakDbtp, long clippedSamples, long silenceStartMs,
                   long silenceEndMs, int sampleRateHz, Integer bitDepth, String codec, int channels,
                   long durationMs, List<Integer> waveform, long suggestedPreviewStartMs, String unmeasured) {

    static final String NO_FFMPEG = "ffmpeg";
    static final String NO_FPCALC = "fpcalc";
    /** The tools were there but could not decode the stored file. */
    static final String FAILED = "failed";
    private static final Set<String> LOSSY = Set.of("mp3", "aac", "vorbis", "opus", "mp2", "wmav2");

    public Measurement {
        waveform = List.copyOf(waveform);
    }

    /** Whether {@code codec} (as ffmpeg names it) throws information away; such a source has no bit depth. */
    static boolean lossy(String codec) {
        return LOSSY.contains(codec);
    }

    boolean missing(String what) {
        return unmeasured != null && List.of(unmeasured.split(",")).contains(what);
    }
}
