package dance.normal.server.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sample-level half of the report on made-up PCM: exact counts, even with samples split across reads. */
class PcmAnalysisTest {

    private static final int RATE = 1_000;

    @Test
    void countsClippedSamplesAndSilenceAcrossSplitReads() {
        short[] samples = new short[10 * RATE]; // mono, 10 s
        for (int i = 2 * RATE; i < 7 * RATE; i++) {
            samples[i] = (short) (i % 2 == 0 ? 10_000 : -10_000);
        }
        samples[3 * RATE] = Short.MAX_VALUE;
        samples[3 * RATE + 1] = Short.MIN_VALUE;
        PcmAnalysis pcm = new PcmAnalysis(RATE, 1);
        byte[] bytes = bytes(samples);
        for (int i = 0; i < bytes.length; i += 777) { // odd chunks split samples in two
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 777));
            pcm.accept(chunk, chunk.length);
        }

        PcmAnalysis.Result r = pcm.finish();

        assertThat(r.durationMs()).isEqualTo(10_000);
        assertThat(r.clippedSamples()).isEqualTo(2);
        assertThat(r.silenceStartMs()).isEqualTo(2_000);
        assertThat(r.silenceEndMs()).isEqualTo(3_000);
        assertThat(r.waveform()).hasSize(500);
        assertThat(r.waveform().get(50)).isZero();
        assertThat(r.waveform().get(400)).isZero();
        assertThat(r.waveform().get(150)).isEqualTo(1000);
        assertThat(r.waveform().get(250)).isEqualTo(305);
    }

    @Test
    void thePreviewStartsAtTheLoudestThirtySecondsButNotInTheFirstTenth() {
        short[] loudEarly = new short[120 * RATE];
        fill(loudEarly, 0, 40, 20_000);
        fill(loudEarly, 40, 120, 1_000);
        short[] loudLate = new short[120 * RATE];
        fill(loudLate, 0, 70, 1_000);
        fill(loudLate, 70, 110, 20_000);
        fill(loudLate, 110, 120, 1_000);

        assertThat(analyse(loudEarly).suggestedPreviewStartMs()).isEqualTo(12_000);
        assertThat(analyse(loudLate).suggestedPreviewStartMs()).isBetween(69_000L, 71_000L);
        assertThat(analyse(new short[20 * RATE]).suggestedPreviewStartMs()).isZero();
    }

    private static void fill(short[] s, int fromSec, int toSec, int level) {
        for (int i = fromSec * RATE; i < toSec * RATE; i++) {
            s[i] = (short) (i % 2 == 0 ? level : -level);
        }
    }

    private static PcmAnalysis.Result analyse(short[] samples) {
        PcmAnalysis pcm = new PcmAnalysis(RATE, 1);
        byte[] b = bytes(samples);
        pcm.accept(b, b.length);
        return pcm.finish();
    }

    private static byte[] bytes(short[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }
}
