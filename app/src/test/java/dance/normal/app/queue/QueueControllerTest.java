package dance.normal.app.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeSession;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.player.Player;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Queue screen against a real player over a fake engine; the test's thread stands in for the FX thread. */
class QueueControllerTest {

    private final FakeSession session = new FakeSession();
    private final Player player = session.player();
    private final FxQueue fx = new FxQueue();
    private QueueController queue;
    private final LinkedBlockingQueue<QueueSnapshot> probe = new LinkedBlockingQueue<>();
    private final QueueListener probeListener = probe::add;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void screen() {
        queue = new QueueController(player, new FxEvents(fx), new I18n(Locale.ENGLISH));
    }

    @AfterEach
    void close() {
        player.removeQueueListener(probeListener);
        session.close();
    }

    private static List<QueueItem> two() {
        return List.of(QueueItem.of("t1", "Midnight Harbour", "Ada", 180_000),
                QueueItem.of("t2", "Morning Tide", "Ada", 200_000));
    }

    /** The player's own listener sees a change: what a screen still subscribed would have been told by then. */
    private QueueSnapshot probeUntil(Predicate<QueueSnapshot> wanted) throws InterruptedException {
        for (;;) {
            QueueSnapshot s = probe.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("the player's queue changed").isNotNull();
            if (wanted.test(s)) {
                return s;
            }
        }
    }

    @Test
    void shownItFollowsThePlayersQueue() {
        queue.onActivate();
        fx.runNext(); // how the queue is now: empty
        assertThat(queue.model().items).isEmpty();
        player.playNow(two(), 0);
        while (queue.model().items.size() < 2) {
            fx.runNext();
        }
        assertThat(queue.model().items).extracting(QueueItem::title).containsExactly("Midnight Harbour",
                "Morning Tide");
        assertThat(queue.model().currentEntryId.get()).isEqualTo(queue.model().items.getFirst().entryId());
    }

    /** A hidden screen does no work: the player's changes do not reach its model. */
    @Test
    void hiddenItsModelDoesNotChangeWhenThePlayerDoes() throws InterruptedException {
        queue.onActivate();
        fx.runNext();
        queue.onDeactivate();
        player.addQueueListener(probeListener); // added after the screen's listener was removed
        probeUntil(s -> s.items().isEmpty());
        player.playNow(two(), 0);
        probeUntil(s -> s.items().size() == 2);
        fx.runWaiting();
        assertThat(queue.model().items).isEmpty();

        queue.onActivate(); // shown again: it reads the queue as it is now
        fx.runNext();
        assertThat(queue.model().items).hasSize(2);
    }

    @Test
    void aMovedEntryIsSelectedWhereItLands() throws InterruptedException {
        queue.onActivate();
        fx.runNext();
        player.playNow(two(), 0);
        while (queue.model().items.size() < 2) {
            fx.runNext();
        }
        QueueItem second = queue.model().items.get(1);
        queue.actions().onMove(second, 1, 0);
        while (!queue.model().items.getFirst().equals(second)) {
            fx.runNext();
        }
        assertThat(queue.model().selectEntryId.get()).isEqualTo(second.entryId());
        queue.actions().onClear();
        while (!queue.model().items.isEmpty()) {
            fx.runNext();
        }
    }
}
