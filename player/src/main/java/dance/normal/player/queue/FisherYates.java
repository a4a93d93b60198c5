package dance.normal.player.queue;

import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/** The unbiased shuffle: every permutation of the shuffled range is equally likely. */
final class FisherYates {

    private FisherYates() {
    }

    /** Shuffles {@code list} from index {@code from} to its end; entries before {@code from} stay put. */
    static void shuffle(List<?> list, int from, RandomGenerator random) {
        for (int i = list.size() - 1; i > from; i--) {
            // j is drawn from [from, i], never from the whole range: that would favour some permutations.
            int j = from + random.nextInt(i - from + 1);
            Collections.swap(list, i, j);
        }
    }
}
