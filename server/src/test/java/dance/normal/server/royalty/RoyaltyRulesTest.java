package dance.normal.server.royalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The split rules against tables worked out by hand, remainders included. */
class RoyaltyRulesTest {

    @ParameterizedTest(name = "sale of {0} µ$ -> artist {1}, platform {2}")
    @CsvSource({
        // total, artist = floor(90%), platform = rest
        "1000000, 900000, 100000",
        "1, 0, 1",
        "9, 8, 1",
        "10, 9, 1",
        "11, 9, 2",
        "2500001, 2250000, 250001",
        "0, 0, 0"
    })
    void aSaleGivesTheArtistNinetyPercentRoundedDown(long total, long artist, long platform) {
        Split split = RoyaltyRules.sale(total);
        assertThat(split.artist()).isEqualTo(artist);
        assertThat(split.platform()).isEqualTo(platform);
    }

    @Test
    void oneHundredPlaysOfATrackWithHolders() {
        // 100 plays x 4,000 = 400,000. Artist side 360,000; platform 40,000.
        // Holder share 25% -> pool 90,000. Supply 100: alice 30 -> 27,000; bob 12 -> 10,800; unsold 58 -> artist.
        // Artist: 360,000 - 27,000 - 10,800 = 322,200.
        Split split = RoyaltyRules.plays(400_000, 2_500, 100, Map.of("alice", 30L, "bob", 12L));
        assertThat(split.platform()).isEqualTo(40_000);
        assertThat(split.holders()).containsExactlyInAnyOrderEntriesOf(Map.of("alice", 27_000L, "bob", 10_800L));
        assertThat(split.artist()).isEqualTo(322_200);
    }

    @Test
    void roundingRemaindersGoToTheArtistAndThePlatformAsStated() {
        // 7 plays x 4,000 = 28,000 -> artist side 25,200, platform 2,800.
        // Holder share 33.33% (3,333 bp): pool = floor(25,200 x 3,333 / 10,000) = floor(8,399.16) = 8,399.
        // Supply 3, one token each for a, b, c: floor(8,399 / 3) = 2,799 each (2 µ$ remainder to the artist).
        // Artist: 25,200 - 3 x 2,799 = 16,803.
        Split split = RoyaltyRules.plays(28_000, 3_333, 3, Map.of("a", 1L, "b", 1L, "c", 1L));
        assertThat(split.platform()).isEqualTo(2_800);
        assertThat(split.holders().values()).containsOnly(2_799L);
        assertThat(split.artist()).isEqualTo(16_803);

        // 1 play of 3 µ$: artist side floor(2.7) = 2, platform 1; pool floor(2 x 5,000 / 10,000) = 1;
        // a holder of 1 of 2 tokens gets floor(1 x 1 / 2) = 0 and is not listed; the artist keeps 2.
        Split tiny = RoyaltyRules.plays(3, 5_000, 2, Map.of("a", 1L));
        assertThat(tiny.platform()).isEqualTo(1);
        assertThat(tiny.holders()).isEmpty();
        assertThat(tiny.artist()).isEqualTo(2);
    }

    @Test
    void withoutAnOfferingTheArtistHasTheWholeArtistSide() {
        Split split = RoyaltyRules.plays(4_000, 0, 0, Map.of());
        assertThat(split.artist()).isEqualTo(3_600);
        assertThat(split.platform()).isEqualTo(400);
        assertThat(split.holders()).isEmpty();
    }

    @Test
    void noMicroDollarIsCreatedOrLostOverManyRandomSplits() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 20_000; i++) {
            long supply = 1 + random.nextLong(1_000_000);
            long earned = random.nextLong(1_000_000_000L);
            long a = random.nextLong(supply / 2 + 1);
            long b = random.nextLong(supply - a + 1);
            Split split = RoyaltyRules.plays(earned, random.nextInt(5_001), supply, Map.of("a", a, "b", b));
            long sum = split.platform() + split.artist() + split.holders().values().stream().mapToLong(x -> x).sum();
            assertThat(sum).isEqualTo(earned);
            assertThat(split.platform()).isGreaterThanOrEqualTo(earned / 10);
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> RoyaltyRules.plays(1, 5_001, 10, Map.of())).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> RoyaltyRules.plays(1, 100, 10, Map.of("a", 11L))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> RoyaltyRules.sale(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoyaltyRules.plays(Long.MAX_VALUE, 100, 10, Map.of()))
                .isInstanceOf(ArithmeticException.class);
    }
}
