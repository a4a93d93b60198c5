package dance.normal.sync.upload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The recent rate of a transfer and the time left at that rate, over a sliding window of samples whose times come
 * from the caller's clock (so tests choose the time). Not thread-safe: one per transfer.
 */
final class Throughput {

    /** The window the rate is measured over. */
    static final long WINDOW_MS = 5_000;
    /** No rate is claimed from less than this much time. */
    static final long MIN_SPAN_MS = 250;

    private record Sample(long atMs, long bytes) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Bytes done so far at a time; a count lower than the last (a restart of a chunk) starts the window again. */
    void add(long atMs, long bytes) {
        if (!samples.isEmpty() && (bytes < samples.getLast().bytes() || atMs < samples.getLast().atMs())) {
            samples.clear();
        }
        samples.addLast(new Sample(atMs, bytes));
        while (samples.size() > 2 && atMs - samples.getFirst().atMs() > WINDOW_MS) {
            samples.removeFirst();
        }
    }

    /** Forgets the samples (the transfer stopped; its next start measures afresh). */
    void reset() {
        samples.clear();
    }

    /** Bytes per second over the window, or 0 while too little time has passed to say. */
    double bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long span = samples.getLast().atMs() - samples.getFirst().atMs();
        if (span < MIN_SPAN_MS) {
            return 0;
        }
        return (samples.getLast().bytes() - samples.getFirst().bytes()) * 1000.0 / span;
    }

    /** The time {@code remaining} bytes take at the current rate, if there is one. */
    Optional<Duration> left(long remaining) {
        double rate = bytesPerSecond();
        if (rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) Math.ceil(Math.max(0, remaining) * 1000.0 / rate)));
    }
}
