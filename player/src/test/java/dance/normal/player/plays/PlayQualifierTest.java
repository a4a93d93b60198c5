package dance.normal.player.plays;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayQualifierTest {

    private final List<QualifiedPlay> plays = new ArrayList<>();
    private final PlayQualifier qualifier = new PlayQualifier(
            Clock.fixed(Instant.parse("2026-11-23T20:00:00Z"), ZoneOffset.UTC), plays::add);

    @Test
    void longTrackQualifiesAtThirtySecondsHeardAndOnlyOnce() {
        qualifier.start("track-1", 240_000);

        listen(0, 29_750);
        assertThat(plays).isEmpty();
        listen(29_750, 60_000);

        assertThat(plays).hasSize(1);
        assertThat(plays.getFirst().trackId()).isEqualTo("track-1");
        assertThat(plays.getFirst().playedMs()).isEqualTo(30_000);
        assertThat(plays.getFirst().startedAt()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));
    }

    @Test
    void shortTrackQualifiesAtHalfItsLength() {
        qualifier.start("short", 10_000);

        listen(0, 4_750);
        assertThat(plays).isEmpty();
        listen(4_750, 5_000);

        assertThat(plays).hasSize(1);
    }

    @Test
    void seekingForwardIsNotListening() {
        qualifier.start("track-1", 240_000);

        listen(0, 5_000);
        qualifier.position(200_000);
        listen(200_000, 220_000);

        assertThat(plays).isEmpty();
        assertThat(qualifier.heardMs()).isEqualTo(25_000);
    }

    @Test
    void seekingBackDoesNotCountTwiceButRelisteningCounts() {
        qualifier.start("track-1", 240_000);

        listen(0, 20_000);
        qualifier.position(0);
        listen(0, 10_000);

        assertThat(plays).hasSize(1);
    }

    @Test
    void playingTheSameTrackAgainIsANewPlayWithANewId() {
        qualifier.start("track-1", 240_000);
        listen(0, 30_000);
        qualifier.start("track-1", 240_000);
        listen(0, 30_000);

        assertThat(plays).hasSize(2);
        assertThat(plays.get(0).playId()).isNotEqualTo(plays.get(1).playId());
    }

    /** Position reports at 4 Hz from {@code from} to {@code to}. */
    private void listen(long from, long to) {
        for (long p = from; p <= to; p += 250) {
            qualifier.position(p);
        }
    }
}
