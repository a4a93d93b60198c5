package dance.normal.player.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The play queue: the entries in play order, which one is current, repeat, shuffle and a history.
 *
 * <p><b>Not thread-safe.</b> Confine a queue to one thread (the app uses the JavaFX thread); listeners are called
 * synchronously on that thread after each change.
 *
 * <p>The queue keeps two orders of the same entries. The <em>play order</em> is what plays and what
 * {@link #items()} shows; the <em>original order</em> is what turning shuffle off restores. Without shuffle the
 * two are the same. Whenever the queue is not empty exactly one entry is current; whether it is playing is the
 * engine's business, not the queue's.
 *
 * <p>Moving through the queue:
 * <ul>
 *   <li>{@link #trackEnded()}: the current track played to its end. Repeat one plays it again, repeat all wraps
 *       from the last entry to the first, repeat off stops after the last. {@link #peekNext()} tells, without
 *       moving, what this will return, so the gapless preloader loads exactly that.</li>
 *   <li>{@link #next()}: the listener skips. Skipping always moves on, also under repeat one; at the last entry
 *       it wraps unless repeat is off.</li>
 *   <li>{@link #previous(long)}: restarts the current track when more than {@value #RESTART_THRESHOLD_MS} ms of
 *       it have played, otherwise goes back one entry; at the first entry it wraps to the last unless repeat is
 *       off, in which case it restarts the current track.</li>
 * </ul>
 *
 * <p>Shuffle is a Fisher–Yates shuffle over all entries but the current one, which stays first. Under repeat all
 * the shuffled order repeats as it is, so {@link #peekNext()} never has to guess a future shuffle. While shuffled,
 * {@link #playNext(List)} inserts right after the current entry in both orders, and {@link #addToQueue(List)}
 * appends to the end of both orders (shuffling the added entries among themselves in the play order).
 *
 * <p>{@link #history()} lists entries that were advanced past, most recent first: each {@link #trackEnded()}
 * records the entry that ended (also under repeat one); {@link #next()}, {@link #jumpTo(String)} and
 * {@code playNow} record the entry they leave. Going back, removing and restoring record nothing.
 */
public final class PlayQueue {

    /** How long a track must have played for {@link #previous(long)} to restart it rather than go back. */
    public static final long RESTART_THRESHOLD_MS = 3_000;

    /** How many entries {@link #history()} keeps unless told otherwise. */
    public static final int DEFAULT_HISTORY_LIMIT = 500;

    private final RandomGenerator random;
    private final List<QueueItem> order = new ArrayList<>();
    private final List<QueueItem> original = new ArrayList<>();
    private final QueueHistory history;
    private final QueueListeners listeners = new QueueListeners();
    private int current = -1;
    private RepeatMode repeat = RepeatMode.OFF;
    private boolean shuffled;

    /** An empty queue that shuffles with the platform's default random generator. */
    public PlayQueue() {
        this(RandomGenerator.getDefault(), DEFAULT_HISTORY_LIMIT);
    }

    /** An empty queue that shuffles with {@code random}; pass a seeded generator for repeatable tests. */
    public PlayQueue(RandomGenerator random) {
        this(random, DEFAULT_HISTORY_LIMIT);
    }

    /**
     * An empty queue.
     *
     * @param random       the generator every shuffle draws from
     * @param historyLimit how many entries {@link #history()} keeps, at least 0
     */
    public PlayQueue(RandomGenerator random, int historyLimit) {
        this.random = Objects.requireNonNull(random, "random");
        this.history = new QueueHistory(historyLimit);
    }

    // ---- Commands ----

    /**
     * Replaces the queue with {@code items} and makes the one at {@code startIndex} current. Under shuffle that
     * entry comes first and the others are shuffled after it.
     *
     * @return the new current entry
     * @throws IllegalArgumentException  if {@code items} is empty or holds an entry id twice
     * @throws IndexOutOfBoundsException if {@code startIndex} is not an index of {@code items}
     */
    public QueueItem playNow(List<QueueItem> items, int startIndex) {
        List<QueueItem> copy = EntryIds.requireUnique(items, Set.of());
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("nothing to play; use clear() to empty the queue");
        }
        Objects.checkIndex(startIndex, copy.size());
        QueueItem left = currentOrNull();
        order.clear();
        order.addAll(copy);
        original.clear();
        original.addAll(copy);
        current = startIndex;
        if (shuffled) {
            shuffleAroundCurrent();
        }
        QueueItem now = order.get(current);
        if (left != null && !left.equals(now)) {
            history.remember(left);
        }
        fireChanged();
        return now;
    }

    /**
     * Inserts {@code item} right after the current entry and makes it current, keeping the rest of the queue.
     *
     * @return {@code item}, now current
     * @throws IllegalArgumentException if an entry with the same entry id is already queued
     */
    public QueueItem playNow(QueueItem item) {
        List<QueueItem> one = EntryIds.requireUnique(List.of(item), EntryIds.of(order));
        QueueItem left = currentOrNull();
        insertAfterCurrent(one);
        if (left != null) {
            current++;
            history.remember(left);
        }
        fireChanged();
        return item;
    }

    /**
     * Inserts {@code items}, in the given order, right after the current entry, in the play order and in the
     * original order. On an empty queue the first of them becomes current.
     *
     * @throws IllegalArgumentException if an entry id is given twice or is already queued
     */
    public void playNext(List<QueueItem> items) {
        List<QueueItem> copy = EntryIds.requireUnique(items, EntryIds.of(order));
        if (copy.isEmpty()) {
            return;
        }
        insertAfterCurrent(copy);
        fireChanged();
    }

    /**
     * Appends {@code items} to the end of the queue. Under shuffle they are shuffled among themselves at the end of
     * the play order, and appended as given to the original order. On an empty queue the first of them in play
     * order becomes current.
     *
     * @throws IllegalArgumentException if an entry id is given twice or is already queued
     */
    public void addToQueue(List<QueueItem> items) {
        List<QueueItem> copy = new ArrayList<>(EntryIds.requireUnique(items, EntryIds.of(order)));
        if (copy.isEmpty()) {
            return;
        }
        original.addAll(copy);
        if (shuffled) {
            FisherYates.shuffle(copy, 0, random);
        }
        order.addAll(copy);
        if (current < 0) {
            current = 0;
        }
        fireChanged();
    }

    /**
     * Moves the entry at {@code from} to {@code to}, both indices in the play order as {@link #items()} shows
     * it; the entries in between shift by one. The current entry stays current wherever it ends up. Under shuffle
     * only the play order changes; the original order is left for shuffle-off.
     *
     * @throws IndexOutOfBoundsException if either index is not an index of the queue
     */
    public void move(int from, int to) {
        Objects.checkIndex(from, order.size());
        Objects.checkIndex(to, order.size());
        if (from == to) {
            return;
        }
        QueueItem playing = order.get(current);
        order.add(to, order.remove(from));
        if (!shuffled) {
            original.add(to, original.remove(from));
        }
        current = order.indexOf(playing);
        fireChanged();
    }

    /**
     * Removes one entry. If it was current, the entry after it becomes current; if it was the last, the first
     * becomes current under repeat all and the new last one otherwise.
     *
     * @return whether the entry was in the queue
     */
    public boolean remove(String entryId) {
        int index = EntryIds.indexOf(order, entryId);
        if (index < 0) {
            return false;
        }
        QueueItem removed = order.remove(index);
        original.remove(removed);
        if (order.isEmpty()) {
            current = -1;
        } else if (index < current) {
            current--;
        } else if (index == current && index == order.size()) {
            current = repeat == RepeatMode.ALL ? 0 : order.size() - 1;
        }
        fireChanged();
        return true;
    }

    /** Removes every entry. The history is kept. */
    public void clear() {
        if (order.isEmpty()) {
            return;
        }
        order.clear();
        original.clear();
        current = -1;
        fireChanged();
    }

    /**
     * Makes a queued entry current, as when the listener picks it from the list.
     *
     * @return the entry, or empty when it is not in the queue
     */
    public Optional<QueueItem> jumpTo(String entryId) {
        int index = EntryIds.indexOf(order, entryId);
        if (index < 0) {
            return Optional.empty();
        }
        if (index != current) {
            history.remember(order.get(current));
            current = index;
            fireChanged();
        }
        return current();
    }

    /**
     * The listener skips forward.
     *
     * @return the new current entry, or empty when there is none to move to (empty queue, or the last entry under
     *         repeat off); then the current entry stays as it is and the engine should stop
     */
    public Optional<QueueItem> next() {
        if (current < 0) {
            return Optional.empty();
        }
        int target = current + 1;
        if (target == order.size()) {
            if (repeat == RepeatMode.OFF) {
                return Optional.empty();
            }
            target = 0;
        }
        history.remember(order.get(current));
        boolean changed = target != current;
        current = target;
        if (changed) {
            fireChanged();
        }
        return current();
    }

    /**
     * The current track played to its end; the entry is recorded in the history.
     *
     * @return what to play now, the same as {@link #peekNext()} returned before this call: the same entry under
     *         repeat one, empty at the end of the queue under repeat off (the current entry then stays as it is)
     */
    public Optional<QueueItem> trackEnded() {
        Optional<QueueItem> following = peekNext();
        if (current < 0) {
            return following;
        }
        history.remember(order.get(current));
        if (following.isPresent()) {
            int target = order.indexOf(following.get());
            if (target != current) {
                current = target;
                fireChanged();
            }
        }
        return following;
    }

    /**
     * The listener presses previous.
     *
     * @param positionMs how far into the current track playback is
     * @return the entry to play from its start: the current one when it is restarted, or the one before it; empty
     *         only when the queue is empty
     */
    public Optional<QueueItem> previous(long positionMs) {
        if (current < 0) {
            return Optional.empty();
        }
        if (positionMs > RESTART_THRESHOLD_MS) {
            return current();
        }
        int target = current - 1;
        if (target < 0) {
            if (repeat == RepeatMode.OFF) {
                return current();
            }
            target = order.size() - 1;
        }
        if (target != current) {
            current = target;
            fireChanged();
        }
        return current();
    }

    public void setRepeat(RepeatMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (mode != repeat) {
            repeat = mode;
            fireChanged();
        }
    }

    /**
     * Turns shuffle on or off. On: the current entry goes first and all others are shuffled after it. Off: the
     * original order comes back, with the current entry where it is in that order.
     */
    public void setShuffle(boolean on) {
        if (on == shuffled) {
            return;
        }
        shuffled = on;
        if (on) {
            shuffleAroundCurrent();
        } else {
            QueueItem playing = currentOrNull();
            order.clear();
            order.addAll(original);
            current = playing == null ? -1 : order.indexOf(playing);
        }
        fireChanged();
    }

    /** Replaces the whole queue, repeat and shuffle with a saved state. The history is kept. */
    public void restore(QueueState state) {
        Map<String, QueueItem> byId = new HashMap<>();
        for (QueueItem item : state.entries()) {
            byId.put(item.entryId(), item);
        }
        order.clear();
        order.addAll(state.entries());
        original.clear();
        for (String id : state.originalOrder()) {
            original.add(byId.get(id));
        }
        current = state.currentIndex();
        repeat = state.repeat();
        shuffled = state.shuffle();
        fireChanged();
    }

    public void clearHistory() {
        history.clear();
    }

    public void addListener(QueueListener listener) {
        listeners.add(listener);
    }

    public void removeListener(QueueListener listener) {
        listeners.remove(listener);
    }

    // ---- Queries ----

    /** The current entry, empty when the queue is empty. */
    public Optional<QueueItem> current() {
        return Optional.ofNullable(currentOrNull());
    }

    /** The index of the current entry in {@link #items()}, {@code -1} when the queue is empty. */
    public int currentIndex() {
        return current;
    }

    /**
     * What plays when the current track ends, for the gapless preloader: the current entry again under repeat
     * one, the next in play order, the first after the last under repeat all, or empty.
     */
    public Optional<QueueItem> peekNext() {
        if (current < 0) {
            return Optional.empty();
        }
        if (repeat == RepeatMode.ONE) {
            return current();
        }
        if (current + 1 < order.size()) {
            return Optional.of(order.get(current + 1));
        }
        return repeat == RepeatMode.ALL ? Optional.of(order.getFirst()) : Optional.empty();
    }

    /** All entries in play order. */
    public List<QueueItem> items() {
        return List.copyOf(order);
    }

    /** The entries after the current one, in play order. */
    public List<QueueItem> upcoming() {
        return List.copyOf(order.subList(current + 1, order.size()));
    }

    /** Entries advanced past, most recent first, at most the history limit. */
    public List<QueueItem> history() {
        return history.list();
    }

    public int size() {
        return order.size();
    }

    public boolean isEmpty() {
        return order.isEmpty();
    }

    public RepeatMode repeat() {
        return repeat;
    }

    public boolean isShuffled() {
        return shuffled;
    }

    public QueueSnapshot snapshot() {
        return new QueueSnapshot(order, current, repeat, shuffled);
    }

    /** The queue as a value to save; {@link #restore(QueueState)} rebuilds it. */
    public QueueState state() {
        return new QueueState(order, original.stream().map(QueueItem::entryId).toList(), current, repeat, shuffled);
    }

    // ---- Internals ----

    private QueueItem currentOrNull() {
        return current < 0 ? null : order.get(current);
    }

    private void insertAfterCurrent(List<QueueItem> items) {
        if (current < 0) {
            order.addAll(items);
            original.addAll(items);
            current = 0;
            return;
        }
        int inOriginal = original.indexOf(order.get(current));
        order.addAll(current + 1, items);
        original.addAll(inOriginal + 1, items);
    }

    private void shuffleAroundCurrent() {
        if (current < 0) {
            return;
        }
        order.addFirst(order.remove(current));
        FisherYates.shuffle(order, 1, random);
        current = 0;
    }

    private void fireChanged() {
        listeners.fire(this::snapshot);
    }
}
