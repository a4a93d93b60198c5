package dance.normal.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Reading what ffmpeg's ebur128 filter prints. The texts are stderr captured from ffmpeg 5.1 running the decode
 * command ({@code -v level+info -progress pipe:1 -xerror ... -af ebur128=framelog=verbose:peak=sample -f null -});
 * only the progress line's trailing blanks are trimmed.
 */
class FfmpegTest {

    /** A 3 s stereo 440 Hz sine of amplitude 0.5 (-6.02 dBFS) in FLAC. */
    private static final String SINE_MINUS_6 = """
            [info] Input #0, flac, from 'file:/tmp/peakcap/sine6.flac':
            [info]   Metadata:
            [info]     encoder         : Lavf59.27.100
            [info]   Duration: 00:00:03.00, start: 0.000000, bitrate: 480 kb/s
            [info]   Stream #0:0: Audio: flac, 44100 Hz, stereo, s32 (24 bit)
            [info] Stream mapping:
            [info]   Stream #0:0 -> #0:0 (flac (native) -> pcm_s16le (native))
            [info] Output #0, null, to 'pipe:':
            [info]   Metadata:
            [info]     encoder         : Lavf59.27.100
            [info]   Stream #0:0: Audio: pcm_s16le, 44100 Hz, stereo, s16, 1411 kb/s
            [info]     Metadata:
            [info]       encoder         : Lavc59.37.100 pcm_s16le
            [info] size=N/A time=00:00:03.00 bitrate=N/A speed= 364x
            [info] video:0kB audio:517kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_ebur128_0 @ 0x5602e618fec0] [info] Summary:

              Integrated loudness:
                I:          -6.7 LUFS
                Threshold: -16.7 LUFS

              Loudness range:
                LRA:        20.0 LU
                Threshold: -26.7 LUFS
                LRA low:   -26.7 LUFS
                LRA high:   -6.7 LUFS

              Sample peak:
                Peak:       -6.0 dBFS
            """;

    /** 2 s of digital silence in WAV: no loudness (the -70 LUFS gate) and a peak of -inf. */
    private static final String SILENCE = """
            [warning] Guessed Channel Layout for Input Stream #0.0 : stereo
            [info] Input #0, wav, from 'file:/tmp/peakcap/silence.wav':
            [info]   Metadata:
            [info]     encoder         : Lavf59.27.100
            [info]   Duration: 00:00:02.00, bitrate: 1411 kb/s
            [info]   Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 44100 Hz, stereo, s16, 1411 kb/s
            [info] Stream mapping:
            [info]   Stream #0:0 -> #0:0 (pcm_s16le (native) -> pcm_s16le (native))
            [info] Output #0, null, to 'pipe:':
            [info]   Metadata:
            [info]     encoder         : Lavf59.27.100
            [info]   Stream #0:0: Audio: pcm_s16le, 44100 Hz, stereo, s16, 1411 kb/s
            [info]     Metadata:
            [info]       encoder         : Lavc59.37.100 pcm_s16le
            [info] size=N/A time=00:00:02.00 bitrate=N/A speed= 288x
            [info] video:0kB audio:345kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_ebur128_0 @ 0x562f254af1c0] [info] Summary:

              Integrated loudness:
                I:         -70.0 LUFS
                Threshold:   0.0 LUFS

              Loudness range:
                LRA:         0.0 LU
                Threshold:   0.0 LUFS
                LRA low:     0.0 LUFS
                LRA high:    0.0 LUFS

              Sample peak:
                Peak:       -inf dBFS
            """;

    /** The same sine measured without {@code peak=sample}, as before peaks were measured: no peak block. */
    private static final String WITHOUT_PEAK = """
            [info] size=N/A time=00:00:03.00 bitrate=N/A speed= 523x
            [info] video:0kB audio:517kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_ebur128_0 @ 0x55d2fd719480] [info] Summary:

              Integrated loudness:
                I:          -6.7 LUFS
                Threshold: -16.7 LUFS

              Loudness range:
                LRA:        20.0 LU
                Threshold: -26.7 LUFS
                LRA low:   -26.7 LUFS
                LRA high:   -6.7 LUFS
            """;

    @Test
    void readsLoudnessAndSamplePeakFromOneSummary() {
        assertThat(Ffmpeg.parseLoudness(SINE_MINUS_6)).contains(-6.7);
        assertThat(Ffmpeg.parsePeak(SINE_MINUS_6)).contains(-6.0);
    }

    @Test
    void silenceHasNeitherLoudnessNorPeak() {
        assertThat(Ffmpeg.parseLoudness(SILENCE)).isEmpty();
        assertThat(Ffmpeg.parsePeak(SILENCE)).as("-inf dBFS is no peak").isEmpty();
    }

    @Test
    void aSummaryWithoutASamplePeakBlockHasNoPeak() {
        assertThat(Ffmpeg.parseLoudness(WITHOUT_PEAK)).contains(-6.7);
        assertThat(Ffmpeg.parsePeak(WITHOUT_PEAK)).isEmpty();
    }

    @Test
    void noSummaryNoPeak() {
        assertThat(Ffmpeg.parsePeak("")).isEmpty();
        assertThat(Ffmpeg.parsePeak("[error] file:/x.flac: Invalid data found when processing input\n")).isEmpty();
        assertThat(Ffmpeg.parsePeak("  Sample peak:\n    Peak:  -3.0 dBFS\n")).as("outside a summary").isEmpty();
    }

    @Test
    void readsAPeakAboveFullScale() {
        // A lossy decoder's float output can overshoot 0 dBFS; that is the peak a player must know about.
        String overshoot = SINE_MINUS_6.replace("Peak:       -6.0 dBFS", "Peak:        0.4 dBFS");

        assertThat(Ffmpeg.parsePeak(overshoot)).contains(0.4);
    }
}
