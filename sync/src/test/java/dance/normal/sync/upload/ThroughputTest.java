package dance.normal.sync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rate and time left from samples at times the test chooses. */
class ThroughputTest {

    @Test
    void theRateIsTheBytesOverTheTimeOfTheWindow() {
        Throughput t = new Throughput();
        t.add(0, 0);
        t.add(1_000, 500_000);
        t.add(2_000, 1_000_000);

        assertThat(t.bytesPerSecond()).isEqualTo(500_000.0);
        assertThat(t.left(1_500_000)).contains(Duration.ofSeconds(3));
    }

    @Test
    void noRateIsClaimedFromTooLittleTime() {
        Throughput t = new Throughput();
        assertThat(t.bytesPerSecond()).isZero();
        t.add(0, 0);
        t.add(Throughput.MIN_SPAN_MS - 1, 1_000_000);

        assertThat(t.bytesPerSecond()).isZero();
        assertThat(t.left(10)).isEmpty();
    }

    @Test
    void oldSamplesLeaveTheWindowSoTheRateFollowsAChange() {
        Throughput t = new Throughput();
        t.add(0, 0);
        t.add(1_000, 10_000_000); // fast at first
        for (long s = 2; s <= 8; s++) {
            t.add(s * 1_000, 10_000_000 + (s - 1) * 100_000); // then slow
        }

        assertThat(t.bytesPerSecond()).isEqualTo(100_000.0);
    }

    @Test
    void aCountGoingBackStartsAfresh() {
        Throughput t = new Throughput();
        t.add(0, 0);
        t.add(1_000, 1_000_000);
        t.add(1_100, 0); // a chunk sent again

        assertThat(t.bytesPerSecond()).isZero();
        t.add(2_100, 250_000);
        assertThat(t.bytesPerSecond()).isEqualTo(250_000.0);
        assertThat(t.left(0)).contains(Duration.ZERO);
    }
}
