package dance.normal.player.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A shuffle is fair when every item lands in every position equally often. Each test counts item-by-position over
 * many shuffles and asks Pearson's chi-square how likely such counts are from a fair shuffle; below 0.001 the
 * shuffle is called biased. The seeds are fixed, so the outcome is the same on every run.
 */
class ShuffleFairnessTest {

    private static final int ITEMS = 5;
    private static final int RUNS = 60_000;
    private static final double STRICT = 0.001;

    @Test
    void fisherYatesPutsEveryItemInEveryPositionEquallyOften() {
        RandomGenerator random = new SplittableRandom(20_261_123L);
        long[][] counts = tally(list -> FisherYates.shuffle(list, 0, random));

        assertThat(pValue(counts, ITEMS)).isGreaterThan(STRICT);
    }

    @Test
    void fisherYatesMakesEveryPermutationEquallyLikely() {
        RandomGenerator random = new SplittableRandom(7L);
        Map<List<Integer>, Integer> seen = new HashMap<>();
        for (int run = 0; run < RUNS; run++) {
            List<Integer> list = identity();
            FisherYates.shuffle(list, 0, random);
            seen.merge(list, 1, Integer::sum);
        }

        assertThat(seen).hasSize(120);
        long[][] counts = {seen.values().stream().mapToLong(Integer::longValue).toArray()};
        double p = ChiSquare.pValue(ChiSquare.statistic(counts, RUNS / 120.0), 119);
        assertThat(p).isGreaterThan(STRICT);
    }

    @Test
    void aShuffleThatSwapsWithAnyPositionIsCaughtAsBiased() {
        // The classic mistake: j drawn from the whole list instead of from [i, n). n^n outcomes cannot spread
        // evenly over n! permutations, and the same statistic must say so.
        RandomGenerator random = new SplittableRandom(20_261_123L);
        long[][] counts = tally(list -> {
            for (int i = 0; i < list.size(); i++) {
                Collections.swap(list, i, random.nextInt(list.size()));
            }
        });

        assertThat(pValue(counts, ITEMS)).isLessThan(STRICT);
    }

    @Test
    void queueShuffleKeepsTheCurrentEntryFirstAndSpreadsTheRestEvenly() {
        List<QueueItem> items = IntStream.range(0, ITEMS)
                .mapToObj(i -> QueueItem.of("t" + i, "Track " + i, "Artist", 1_000))
                .toList();
        PlayQueue queue = new PlayQueue(new SplittableRandom(42L));
        queue.playNow(items, 2);
        QueueItem playing = items.get(2);
        List<QueueItem> others = items.stream().filter(item -> item != playing).toList();
        long[][] counts = new long[ITEMS - 1][ITEMS - 1];

        for (int run = 0; run < RUNS; run++) {
            queue.setShuffle(true);
            List<QueueItem> order = queue.items();
            assertThat(order.getFirst()).isEqualTo(playing);
            for (int position = 1; position < ITEMS; position++) {
                counts[others.indexOf(order.get(position))][position - 1]++;
            }
            queue.setShuffle(false);
            assertThat(queue.items()).isEqualTo(items);
            assertThat(queue.currentIndex()).isEqualTo(2);
        }

        assertThat(pValue(counts, ITEMS - 1)).isGreaterThan(STRICT);
    }

    @Test
    void chiSquarePValuesMatchPublishedTables() {
        assertThat(ChiSquare.pValue(39.252, 16)).isCloseTo(0.001, within(0.00001));
        assertThat(ChiSquare.pValue(16.919, 9)).isCloseTo(0.05, within(0.0001));
        assertThat(ChiSquare.pValue(3.841, 1)).isCloseTo(0.05, within(0.0001));
        assertThat(ChiSquare.pValue(2.0, 2)).isCloseTo(Math.exp(-1), within(1e-12));
    }

    private interface Shuffle {
        void shuffle(List<Integer> list);
    }

    private static long[][] tally(Shuffle shuffle) {
        long[][] counts = new long[ITEMS][ITEMS];
        for (int run = 0; run < RUNS; run++) {
            List<Integer> list = identity();
            shuffle.shuffle(list);
            for (int position = 0; position < ITEMS; position++) {
                counts[list.get(position)][position]++;
            }
        }
        return counts;
    }

    /** Rows and columns of an item-by-position table both sum to the run count: (n - 1)² degrees of freedom. */
    private static double pValue(long[][] counts, int n) {
        long runs = 0;
        for (long count : counts[0]) {
            runs += count;
        }
        double statistic = ChiSquare.statistic(counts, (double) runs / n);
        return ChiSquare.pValue(statistic, (n - 1) * (n - 1));
    }

    private static List<Integer> identity() {
        return new ArrayList<>(IntStream.range(0, ITEMS).boxed().toList());
    }
}
