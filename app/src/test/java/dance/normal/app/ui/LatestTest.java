package dance.normal.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatestTest {

    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private final Latest latest = new Latest(background);
    private final List<String> shown = new ArrayList<>();

    @AfterEach
    void close() {
        background.close();
    }

    /** A slow Release page must not replace the Home opened after it. */
    @Test
    void aSlowOlderAnswerNeverReplacesANewerOne() throws InterruptedException {
        CountDownLatch releaseStarted = new CountDownLatch(1);
        CountDownLatch releaseMayEnd = new CountDownLatch(1);
        CountDownLatch releaseEnded = new CountDownLatch(1);
        latest.run(() -> {
            releaseStarted.countDown();
            if (releaseMayEnd.await(10, TimeUnit.SECONDS)) { // not interrupted: it runs to its end
                releaseEnded.countDown();
            }
            return "release";
        }, shown::add, error -> shown.add("error"));
        assertThat(releaseStarted.await(10, TimeUnit.SECONDS)).isTrue();
        latest.run(() -> "home", shown::add, error -> shown.add("error"));
        fx.runNext();
        releaseMayEnd.countDown(); // the release page's answer comes after Home's
        assertThat(releaseEnded.await(10, TimeUnit.SECONDS)).isTrue();
        fx.runWaiting(); // (an answer still on its way is dropped too: anOlderAnswerAlreadyOnItsWayIsDropped)
        assertThat(shown).containsExactly("home");
    }

    /** Even an answer already handed to the FX thread is dropped once a newer request began. */
    @Test
    void anOlderAnswerAlreadyOnItsWayIsDropped() {
        latest.run(() -> "first", shown::add, error -> shown.add("error"));
        Runnable first = fx.next();
        latest.run(() -> "second", shown::add, error -> shown.add("error"));
        first.run();
        fx.runNext();
        assertThat(shown).containsExactly("second");
    }

    @Test
    void workRunAlongsideBelongsToTheSameRequest() {
        latest.run(() -> "releases", shown::add, error -> shown.add("error"));
        latest.alsoRun(() -> "popular", shown::add, error -> shown.add("error"));
        fx.runNext();
        fx.runNext();
        assertThat(shown).containsExactlyInAnyOrder("releases", "popular");

        latest.run(() -> "old releases", shown::add, error -> shown.add("error"));
        latest.alsoRun(() -> "old popular", shown::add, error -> shown.add("error"));
        Runnable a = fx.next();
        Runnable b = fx.next();
        latest.begin();
        a.run();
        b.run();
        assertThat(shown).containsExactlyInAnyOrder("releases", "popular");
    }

    @Test
    void aTicketIsCurrentUntilANewerRequestBegins() {
        Latest.Ticket first = latest.begin();
        Latest.Ticket same = latest.current();
        assertThat(first.current()).isTrue();
        assertThat(same.current()).isTrue();
        Latest.Ticket second = latest.begin();
        assertThat(first.current()).isFalse();
        assertThat(same.current()).isFalse();
        assertThat(second.current()).isTrue();
    }

    /** A screen put away cancels what it asked for; nothing arrives into it later. */
    @Test
    void cancelDropsWhatIsUnderWay() {
        latest.run(() -> "page", shown::add, error -> shown.add("error"));
        Runnable page = fx.next();
        latest.cancel();
        page.run();
        assertThat(shown).isEmpty();
    }
}
