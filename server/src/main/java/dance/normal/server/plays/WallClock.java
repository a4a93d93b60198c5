package dance.normal.server.plays;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The wall-clock rule's arithmetic (decision 0024). A play claims the interval {@code [startedAt, startedAt +
 * playedMs)}; a new play of a device is credited only the part of its interval that no paid play of that device
 * already claims. Paid plays' credits then sum to at most the length of the union of the intervals they claim, so
 * a device is never paid for more listening than that much real time.
 */
public final class WallClock {

    private WallClock() {
    }

    /** A claimed interval, {@code [start, end)} in epoch milliseconds. */
    public record Interval(long start, long end) {

        public Interval {
            if (end < start) {
                throw new IllegalArgumentException("An interval ends before it starts: " + start + ".." + end);
            }
        }

        public long length() {
            return end - start;
        }
    }

    /** How much of {@code play} none of {@code taken} covers (the intervals may overlap each other). */
    public static long uncovered(Interval play, List<Interval> taken) {
        List<Interval> inside = new ArrayList<>();
        for (Interval t : taken) {
            long s = Math.max(t.start(), play.start());
            long e = Math.min(t.end(), play.end());
            if (s < e) {
                inside.add(new Interval(s, e));
            }
        }
        return play.length() - unionLength(inside);
    }

    /** The length of the union of {@code intervals}. */
    public static long unionLength(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::start));
        long total = 0;
        long coveredTo = Long.MIN_VALUE;
        for (Interval i : sorted) {
            long s = Math.max(i.start(), coveredTo);
            if (i.end() > s) {
                total += i.end() - s;
                coveredTo = i.end();
            }
        }
        return total;
    }
}
