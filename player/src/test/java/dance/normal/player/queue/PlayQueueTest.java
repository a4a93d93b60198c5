package dance.normal.player.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PlayQueueTest {

    private final QueueItem a = item("a");
    private final QueueItem b = item("b");
    private final QueueItem c = item("c");
    private final QueueItem d = item("d");
    private final QueueItem e = item("e");
    private final List<QueueItem> abcde = List.of(a, b, c, d, e);
    private final PlayQueue queue = new PlayQueue(new SplittableRandom(1L));

    // ---- empty queue ----

    @Test
    void emptyQueueHasNothingToPlayAndEveryMoveIsHarmless() {
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.current()).isEmpty();
        assertThat(queue.currentIndex()).isEqualTo(-1);
        assertThat(queue.upcoming()).isEmpty();
        assertThat(queue.peekNext()).isEmpty();
        assertThat(queue.next()).isEmpty();
        assertThat(queue.trackEnded()).isEmpty();
        assertThat(queue.previous(0)).isEmpty();
        assertThat(queue.remove("nope")).isFalse();
        assertThat(queue.jumpTo("nope")).isEmpty();
        assertThatThrownBy(() -> queue.move(0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        queue.setShuffle(true);
        queue.setShuffle(false);
        queue.clear();
        assertThat(queue.history()).isEmpty();
        assertThat(queue.snapshot()).isEqualTo(new QueueSnapshot(List.of(), -1, RepeatMode.OFF, false));
    }

    // ---- play now, play next, add ----

    @Test
    void playNowReplacesTheQueueAndStartsAtTheChosenEntry() {
        assertThat(queue.playNow(abcde, 2)).isEqualTo(c);

        assertThat(queue.items()).containsExactly(a, b, c, d, e);
        assertThat(queue.current()).contains(c);
        assertThat(queue.upcoming()).containsExactly(d, e);

        QueueItem x = item("x");
        queue.playNow(List.of(x), 0);
        assertThat(queue.items()).containsExactly(x);
        assertThat(queue.history()).containsExactly(c);
    }

    @Test
    void playNowNeedsSomethingToPlayAndAValidStart() {
        assertThatThrownBy(() -> queue.playNow(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.playNow(abcde, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> queue.playNow(List.of(a, a), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void playNowOfOneEntryInsertsItAfterTheCurrentAndJumpsToIt() {
        queue.playNow(List.of(a, b, c), 0);
        QueueItem x = item("x");

        assertThat(queue.playNow(x)).isEqualTo(x);

        assertThat(queue.items()).containsExactly(a, x, b, c);
        assertThat(queue.current()).contains(x);
        assertThat(queue.history()).containsExactly(a);
        assertThat(queue.next()).contains(b);
    }

    @Test
    void playNowOfOneEntryOnAnEmptyQueueStartsIt() {
        queue.playNow(a);

        assertThat(queue.items()).containsExactly(a);
        assertThat(queue.current()).contains(a);
        assertThat(queue.history()).isEmpty();
    }

    @Test
    void playNextInsertsAfterTheCurrentEntryInTheGivenOrder() {
        queue.playNow(List.of(a, b, c), 1);
        QueueItem x = item("x");
        QueueItem y = item("y");

        queue.playNext(List.of(x, y));

        assertThat(queue.items()).containsExactly(a, b, x, y, c);
        assertThat(queue.current()).contains(b);
        assertThat(queue.peekNext()).contains(x);
    }

    @Test
    void addToQueueAppendsAndOnAnEmptyQueueTheFirstAddedBecomesCurrent() {
        queue.addToQueue(List.of(a, b));
        assertThat(queue.current()).contains(a);

        queue.addToQueue(List.of(c));
        queue.playNext(List.of());
        queue.addToQueue(List.of());

        assertThat(queue.items()).containsExactly(a, b, c);
        assertThat(queue.current()).contains(a);
    }

    @Test
    void theSameTrackQueuedTwiceIsTwoEntries() {
        QueueItem again = a.asNewEntry();
        assertThat(again.trackId()).isEqualTo(a.trackId());
        assertThat(again.entryId()).isNotEqualTo(a.entryId());
        queue.playNow(List.of(a, b, again), 0);

        assertThat(queue.jumpTo(again.entryId())).contains(again);
        assertThat(queue.currentIndex()).isEqualTo(2);
        assertThat(queue.remove(a.entryId())).isTrue();

        assertThat(queue.items()).containsExactly(b, again);
        assertThat(queue.current()).contains(again);
    }

    @Test
    void theSameEntryCannotBeQueuedTwice() {
        queue.playNow(List.of(a, b), 0);

        assertThatThrownBy(() -> queue.addToQueue(List.of(a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asNewEntry");
        assertThatThrownBy(() -> queue.playNext(List.of(c, c))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.playNow(b)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.items()).containsExactly(a, b);
    }

    // ---- next, previous, track end, repeat ----

    @Test
    void nextWalksTheQueueAndStopsAfterTheLastUnderRepeatOff() {
        queue.playNow(abcde, 0);

        assertThat(queue.next()).contains(b);
        assertThat(queue.next()).contains(c);
        assertThat(queue.next()).contains(d);
        assertThat(queue.next()).contains(e);
        assertThat(queue.next()).isEmpty();
        assertThat(queue.next()).isEmpty();

        assertThat(queue.current()).contains(e);
        assertThat(queue.history()).containsExactly(d, c, b, a);
    }

    @Test
    void trackEndAtTheLastEntryUnderRepeatOffStopsAndRecordsThePlay() {
        queue.playNow(List.of(a, b), 1);

        assertThat(queue.trackEnded()).isEmpty();

        assertThat(queue.current()).contains(b);
        assertThat(queue.history()).containsExactly(b);
    }

    @Test
    void repeatOneReplaysOnTrackEndButSkippingStillMovesOn() {
        queue.playNow(List.of(a, b, c), 0);
        queue.setRepeat(RepeatMode.ONE);

        assertThat(queue.peekNext()).contains(a);
        assertThat(queue.trackEnded()).contains(a);
        assertThat(queue.trackEnded()).contains(a);
        assertThat(queue.next()).contains(b);
        assertThat(queue.previous(0)).contains(a);
        assertThat(queue.history()).containsExactly(a, a, a);
    }

    @Test
    void repeatOneAtTheEndsWrapsWhenSkipping() {
        queue.playNow(List.of(a, b, c), 2);
        queue.setRepeat(RepeatMode.ONE);

        assertThat(queue.trackEnded()).contains(c);
        assertThat(queue.next()).contains(a);
        assertThat(queue.previous(0)).contains(c);
    }

    @Test
    void repeatAllWrapsAtBothEnds() {
        queue.playNow(List.of(a, b, c), 2);
        queue.setRepeat(RepeatMode.ALL);

        assertThat(queue.peekNext()).contains(a);
        assertThat(queue.trackEnded()).contains(a);
        assertThat(queue.previous(0)).contains(c);
        assertThat(queue.next()).contains(a);
        assertThat(queue.history()).containsExactly(c, c);
    }

    @Test
    void repeatAllWithOneEntryPlaysItAgain() {
        queue.playNow(List.of(a), 0);
        queue.setRepeat(RepeatMode.ALL);

        assertThat(queue.peekNext()).contains(a);
        assertThat(queue.trackEnded()).contains(a);
        assertThat(queue.next()).contains(a);
    }

    @Test
    void previousRestartsAfterThreeSecondsAndGoesBackBefore() {
        queue.playNow(abcde, 2);

        assertThat(queue.previous(3_001)).contains(c);
        assertThat(queue.currentIndex()).isEqualTo(2);
        assertThat(queue.previous(3_000)).contains(b);
        assertThat(queue.previous(0)).contains(a);
        assertThat(queue.history()).isEmpty();
    }

    @Test
    void previousAtTheFirstEntryRestartsItUnderRepeatOff() {
        queue.playNow(abcde, 0);

        assertThat(queue.previous(0)).contains(a);
        assertThat(queue.currentIndex()).isZero();
    }

    @Test
    void peekNextIsWhatTrackEndedThenPlaysInEveryMode() {
        for (RepeatMode mode : RepeatMode.values()) {
            for (boolean shuffle : new boolean[] {false, true}) {
                for (int start = 0; start < abcde.size(); start++) {
                    PlayQueue q = new PlayQueue(new SplittableRandom(start));
                    q.setRepeat(mode);
                    q.setShuffle(shuffle);
                    q.playNow(abcde, start);
                    for (int step = 0; step < 7; step++) {
                        Optional<QueueItem> expected = q.peekNext();
                        assertThat(q.trackEnded()).as("%s shuffle=%s", mode, shuffle).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void jumpToMakesAnEntryCurrentAndRecordsTheOneLeft() {
        queue.playNow(abcde, 0);

        assertThat(queue.jumpTo(d.entryId())).contains(d);
        assertThat(queue.jumpTo(d.entryId())).contains(d);
        assertThat(queue.jumpTo("nope")).isEmpty();

        assertThat(queue.current()).contains(d);
        assertThat(queue.history()).containsExactly(a);
    }

    // ---- reorder ----

    @Test
    void moveReordersAroundTheCurrentEntryAndKeepsItCurrent() {
        queue.playNow(abcde, 2);

        queue.move(0, 4);
        assertThat(queue.items()).containsExactly(b, c, d, e, a);
        assertThat(queue.currentIndex()).isEqualTo(1);

        queue.move(4, 0);
        assertThat(queue.items()).containsExactly(a, b, c, d, e);
        assertThat(queue.currentIndex()).isEqualTo(2);

        queue.move(2, 4);
        assertThat(queue.items()).containsExactly(a, b, d, e, c);
        assertThat(queue.current()).contains(c);
        assertThat(queue.upcoming()).isEmpty();

        queue.move(3, 0);
        assertThat(queue.items()).containsExactly(e, a, b, d, c);
        assertThat(queue.current()).contains(c);
    }

    @Test
    void moveOutsideTheQueueIsRejected() {
        queue.playNow(List.of(a, b), 0);

        assertThatThrownBy(() -> queue.move(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> queue.move(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---- remove ----

    @Test
    void removingAnEntryBeforeTheCurrentKeepsTheCurrent() {
        queue.playNow(abcde, 2);

        assertThat(queue.remove(a.entryId())).isTrue();

        assertThat(queue.items()).containsExactly(b, c, d, e);
        assertThat(queue.current()).contains(c);
    }

    @Test
    void removingTheCurrentEntryMovesToTheNext() {
        queue.playNow(abcde, 2);

        queue.remove(c.entryId());

        assertThat(queue.current()).contains(d);
        assertThat(queue.history()).isEmpty();
    }

    @Test
    void removingTheCurrentLastEntryFallsBackToTheNewLastOrWrapsUnderRepeatAll() {
        queue.playNow(abcde, 4);
        queue.remove(e.entryId());
        assertThat(queue.current()).contains(d);

        queue.setRepeat(RepeatMode.ALL);
        queue.remove(d.entryId());
        assertThat(queue.current()).contains(a);
    }

    @Test
    void removingTheOnlyEntryEmptiesTheQueue() {
        queue.playNow(List.of(a), 0);

        queue.remove(a.entryId());

        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.current()).isEmpty();
        queue.addToQueue(List.of(b));
        assertThat(queue.current()).contains(b);
    }

    @Test
    void clearEmptiesTheQueueButKeepsHistory() {
        queue.playNow(abcde, 0);
        queue.next();

        queue.clear();

        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.history()).containsExactly(a);
        queue.clearHistory();
        assertThat(queue.history()).isEmpty();
    }

    // ---- shuffle ----

    @Test
    void shuffleKeepsTheCurrentEntryFirstAndIsAPermutation() {
        queue.playNow(abcde, 3);

        queue.setShuffle(true);

        assertThat(queue.isShuffled()).isTrue();
        assertThat(queue.currentIndex()).isZero();
        assertThat(queue.current()).contains(d);
        assertThat(queue.items()).containsExactlyInAnyOrderElementsOf(abcde);
    }

    @Test
    void shuffleOffRestoresTheOriginalOrderWithTheCurrentEntryWhereItWas() {
        queue.playNow(abcde, 0);
        queue.setShuffle(true);
        queue.next();
        queue.next();
        QueueItem playing = queue.current().orElseThrow();

        queue.setShuffle(false);

        assertThat(queue.items()).containsExactly(a, b, c, d, e);
        assertThat(queue.current()).contains(playing);
        assertThat(queue.currentIndex()).isEqualTo(abcde.indexOf(playing));
    }

    @Test
    void entriesAddedWhileShuffledLandAtTheEndOfBothOrders() {
        queue.playNow(abcde, 1);
        queue.setShuffle(true);
        QueueItem x = item("x");
        QueueItem y = item("y");

        queue.addToQueue(List.of(x, y));

        assertThat(queue.items().subList(5, 7)).containsExactlyInAnyOrder(x, y);
        queue.setShuffle(false);
        assertThat(queue.items()).containsExactly(a, b, c, d, e, x, y);
        assertThat(queue.current()).contains(b);
    }

    @Test
    void entriesPlayedNextWhileShuffledComeNextInBothOrders() {
        queue.playNow(abcde, 1);
        queue.setShuffle(true);
        queue.next();
        QueueItem playing = queue.current().orElseThrow();
        QueueItem x = item("x");

        queue.playNext(List.of(x));

        assertThat(queue.peekNext()).contains(x);
        queue.setShuffle(false);
        List<QueueItem> expected = new ArrayList<>(abcde);
        expected.add(abcde.indexOf(playing) + 1, x);
        assertThat(queue.items()).isEqualTo(expected);
        assertThat(queue.peekNext()).contains(x);
    }

    @Test
    void addingToAnEmptyShuffledQueueShufflesTheAddedEntries() {
        queue.setShuffle(true);

        queue.addToQueue(abcde);

        assertThat(queue.items()).containsExactlyInAnyOrderElementsOf(abcde).isNotEqualTo(abcde);
        assertThat(queue.currentIndex()).isZero();
        queue.setShuffle(false);
        assertThat(queue.items()).isEqualTo(abcde);
    }

    @Test
    void reorderingWhileShuffledLeavesTheOriginalOrderAlone() {
        queue.playNow(abcde, 0);
        queue.setShuffle(true);
        List<QueueItem> shuffled = new ArrayList<>(queue.items());

        queue.move(4, 1);

        shuffled.add(1, shuffled.remove(4));
        assertThat(queue.items()).isEqualTo(shuffled);
        queue.setShuffle(false);
        assertThat(queue.items()).containsExactly(a, b, c, d, e);
    }

    @Test
    void removingWhileShuffledRemovesFromBothOrders() {
        queue.playNow(abcde, 0);
        queue.setShuffle(true);

        queue.remove(c.entryId());
        queue.remove(a.entryId());

        assertThat(queue.items()).containsExactlyInAnyOrder(b, d, e);
        queue.setShuffle(false);
        assertThat(queue.items()).containsExactly(b, d, e);
    }

    @Test
    void playNowWhileShuffledStartsWithTheChosenEntryAndShufflesTheRest() {
        queue.setShuffle(true);

        queue.playNow(abcde, 3);

        assertThat(queue.items().getFirst()).isEqualTo(d);
        assertThat(queue.items()).containsExactlyInAnyOrderElementsOf(abcde);
        queue.setShuffle(false);
        assertThat(queue.items()).isEqualTo(abcde);
        assertThat(queue.current()).contains(d);
    }

    // ---- history ----

    @Test
    void historyIsMostRecentFirstAndBounded() {
        PlayQueue small = new PlayQueue(new SplittableRandom(1L), 3);
        small.playNow(abcde, 0);
        small.setRepeat(RepeatMode.ALL);

        for (int i = 0; i < 7; i++) {
            small.trackEnded();
        }

        // a b c d e a b played to the end; c is current.
        assertThat(small.history()).containsExactly(b, a, e);
        assertThat(small.current()).contains(c);
        assertThatThrownBy(() -> new PlayQueue(new SplittableRandom(1L), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noHistoryIsKeptWhenTheLimitIsZero() {
        PlayQueue none = new PlayQueue(new SplittableRandom(1L), 0);
        none.playNow(abcde, 0);
        none.next();

        assertThat(none.history()).isEmpty();
    }

    // ---- listeners ----

    @Test
    void listenersGetASnapshotAfterEachChangeAndNothingWhenNothingChanges() {
        List<QueueSnapshot> seen = new ArrayList<>();
        QueueListener listener = seen::add;
        queue.addListener(listener);

        queue.playNow(abcde, 0);
        queue.next();
        queue.setRepeat(RepeatMode.ALL);
        queue.setRepeat(RepeatMode.ALL);
        queue.setShuffle(false);
        queue.previous(10_000);
        queue.removeListener(listener);
        queue.next();

        assertThat(seen).hasSize(3);
        QueueSnapshot last = seen.getLast();
        assertThat(last.items()).containsExactly(a, b, c, d, e);
        assertThat(last.current()).contains(b);
        assertThat(last.upcoming()).containsExactly(c, d, e);
        assertThat(last.repeat()).isEqualTo(RepeatMode.ALL);
        assertThat(last.shuffle()).isFalse();
        assertThatThrownBy(() -> last.items().add(a)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheCommand() {
        List<QueueSnapshot> seen = new ArrayList<>();
        queue.addListener(snapshot -> {
            throw new IllegalStateException("broken view");
        });
        queue.addListener(seen::add);

        queue.playNow(abcde, 0);

        assertThat(seen).hasSize(1);
        assertThat(queue.current()).contains(a);
    }

    // ---- save and restore ----

    @Test
    void stateSurvivesARoundTripThroughRestore() {
        queue.playNow(abcde, 1);
        queue.setRepeat(RepeatMode.ALL);
        queue.setShuffle(true);
        queue.next();
        QueueState saved = queue.state();

        PlayQueue restored = new PlayQueue(new SplittableRandom(99L));
        List<QueueSnapshot> seen = new ArrayList<>();
        restored.addListener(seen::add);
        restored.restore(saved);

        assertThat(restored.state()).isEqualTo(saved);
        assertThat(restored.snapshot()).isEqualTo(queue.snapshot());
        assertThat(seen).containsExactly(queue.snapshot());
        assertThat(restored.peekNext()).isEqualTo(queue.peekNext());
        restored.setShuffle(false);
        queue.setShuffle(false);
        assertThat(restored.items()).containsExactly(a, b, c, d, e);
        assertThat(restored.snapshot()).isEqualTo(queue.snapshot());
    }

    @Test
    void anEmptyQueueRoundTripsToo() {
        QueueState saved = queue.state();

        assertThat(saved).isEqualTo(new QueueState(List.of(), List.of(), -1, RepeatMode.OFF, false));
        PlayQueue restored = new PlayQueue();
        restored.restore(saved);
        assertThat(restored.isEmpty()).isTrue();
    }

    @Test
    void inconsistentStatesAreRejected() {
        List<String> ids = List.of(a.entryId(), b.entryId());
        List<String> swapped = List.of(b.entryId(), a.entryId());

        assertThatThrownBy(() -> new QueueState(List.of(a, b), ids, 2, RepeatMode.OFF, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueState(List.of(a, b), List.of(a.entryId()), 0, RepeatMode.OFF, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueState(List.of(a, a), List.of(a.entryId(), a.entryId()), 0,
                RepeatMode.OFF, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueState(List.of(a, b), swapped, 0, RepeatMode.OFF, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new QueueState(List.of(a, b), swapped, 0, RepeatMode.OFF, true).originalOrder())
                .isEqualTo(swapped);
    }

    // ---- values ----

    @Test
    void repeatButtonCyclesOffAllOne() {
        assertThat(RepeatMode.OFF.cycle()).isEqualTo(RepeatMode.ALL);
        assertThat(RepeatMode.ALL.cycle()).isEqualTo(RepeatMode.ONE);
        assertThat(RepeatMode.ONE.cycle()).isEqualTo(RepeatMode.OFF);
    }

    @Test
    void queueItemsAreValidated() {
        assertThatThrownBy(() -> QueueItem.of("t", "T", "A", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueItem("t", "T", "A", 0, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueItem.of(null, "T", "A", 0)).isInstanceOf(NullPointerException.class);
    }

    private static QueueItem item(String name) {
        return QueueItem.of("track-" + name, "Title " + name, "Artist", 180_000);
    }
}
