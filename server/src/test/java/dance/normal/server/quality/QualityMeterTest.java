package dance.normal.server.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.studio.QualityWarning;
import dance.normal.server.media.AudioFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server without ffmpeg or fpcalc still reports, and says what it could not measure. */
class QualityMeterTest {

    @Test
    void withoutTheToolsTheReportSaysWhatCouldNotBeMeasured(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.wav"), new byte[64]);
        QualityMeter none = new QualityMeter(Optional.empty(), Optional.empty(), Optional.empty());

        Analysis a = none.measure(file, AudioFormat.WAV, 12_345);

        assertThat(a.fingerprint()).isEmpty();
        Measurement m = a.measurement();
        assertThat(m.durationMs()).isEqualTo(12_345);
        assertThat(m.integratedLufs()).isNull();
        assertThat(m.waveform()).isEmpty();
        assertThat(Warnings.of(m, null)).extracting(QualityWarning::code)
                .containsExactly("not_measured", "not_fingerprinted");
    }

    @Test
    void theEbur128SummaryIsRead() {
        String stderr = """
                [Parsed_ebur128_0 @ 0x1] t: 1.2  TARGET:-23 LUFS    M: -20.1 S:-120.7     I: -19.0 LUFS
                [Parsed_ebur128_0 @ 0x1] Summary:

                  Integrated loudness:
                    I:         -16.4 LUFS
                    Threshold: -26.6 LUFS

                  True peak:
                    Peak:       -0.3 dBFS
                """;
        assertThat(QualityMeter.integrated(stderr)).contains(-16.4);
        assertThat(QualityMeter.truePeak(stderr)).contains(-0.3);
        assertThat(QualityMeter.truePeak("Summary:\n  True peak:\n    Peak:       -inf dBFS")).isEmpty();
        assertThat(QualityMeter.integrated("Summary:\n  Integrated loudness:\n    I:  -70.0 LUFS")).isEmpty();
    }
}
