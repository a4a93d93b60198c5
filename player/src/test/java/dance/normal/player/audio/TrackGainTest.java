package dance.normal.player.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrackGainTest {

    @Test
    void loudTracksAreTurnedDownToTheTarget() {
        assertThat(TrackGain.fromLoudness(-8.0, -0.1).db()).isCloseTo(-6.0, within(1e-9));
        assertThat(TrackGain.fromLoudness(-8.0, null).db()).isCloseTo(-6.0, within(1e-9));
    }

    @Test
    void quietTracksAreTurnedUpOnlyAsFarAsTheirPeakAllows() {
        // Wants +10 dB; peak -12 dBFS leaves 11 dB of room minus 1 dB headroom.
        assertThat(TrackGain.fromLoudness(-24.0, -12.0).db()).isCloseTo(10.0, within(1e-9));
        // Wants +10 dB; peak -4 dBFS allows only +3 dB.
        assertThat(TrackGain.fromLoudness(-24.0, -4.0).db()).isCloseTo(3.0, within(1e-9));
        // A peak already at full scale allows no boost, but is not turned down for it either.
        assertThat(TrackGain.fromLoudness(-24.0, 0.0).db()).isZero();
        // Unknown peak: never louder.
        assertThat(TrackGain.fromLoudness(-24.0, null).db()).isZero();
    }

    @Test
    void unknownLoudnessMeansNoGain() {
        assertThat(TrackGain.fromLoudness(null, -3.0)).isEqualTo(TrackGain.NONE);
        assertThat(TrackGain.fromLoudness(Double.NaN, -3.0)).isEqualTo(TrackGain.NONE);
    }

    @Test
    void replayGainTagsAreLimitedByTheTaggedPeak() {
        // +6 dB tagged, peak 0.5 (-6.02 dBFS): room for 5.02 dB.
        assertThat(TrackGain.fromReplayGain(6.0, 0.5).db()).isCloseTo(5.0206, within(1e-3));
        assertThat(TrackGain.fromReplayGain(-3.5, 0.99).db()).isCloseTo(-3.5, within(1e-9));
        assertThat(TrackGain.fromReplayGain(4.0, null).db()).isZero();
    }

    @Test
    void extremeValuesAreClampedAndNonsenseRefused() {
        assertThat(TrackGain.fromLoudness(+20.0, null).db()).isEqualTo(-TrackGain.MAX_ABS_DB);
        assertThatThrownBy(() -> new TrackGain(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackGain(25)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TrackGain(-6).factor()).isCloseTo(0.501, within(1e-3));
    }
}
