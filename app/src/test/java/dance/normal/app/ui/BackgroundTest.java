package dance.normal.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundTest {

    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private final List<Object> delivered = new ArrayList<>();

    @AfterEach
    void close() {
        background.close();
    }

    /** A sync or download event that arrives while the app stops must not throw on the FX thread. */
    @Test
    void workHandedInAfterCloseIsDroppedQuietly() {
        Background closed = new Background(fx);
        closed.close();
        AtomicBoolean ran = new AtomicBoolean();
        Cancellable run = closed.run(() -> ran.getAndSet(true), ok -> { }, error -> { });
        run.cancel();
        assertThat(ran).isFalse();
    }

    @Test
    void aResultAndAnErrorAreDeliveredOnTheFxThread() {
        background.run(() -> "done", delivered::add, delivered::add);
        fx.runNext();
        background.run(() -> {
            throw new IllegalStateException("no");
        }, delivered::add, delivered::add);
        fx.runNext();
        assertThat(delivered).hasSize(2);
        assertThat(delivered.getFirst()).isEqualTo("done");
        assertThat(delivered.getLast()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancellingInterruptsTheWorkAndDeliversNothing() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Cancellable run = background.run(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // never opened: only an interrupt ends it
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "never";
        }, delivered::add, delivered::add);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        fx.runWaiting();
        assertThat(delivered).isEmpty();
    }

    @Test
    void aForgottenRunIsNotInterruptedButDeliversNothing() throws InterruptedException {
        CountDownLatch mayEnd = new CountDownLatch(1);
        CountDownLatch endedUninterrupted = new CountDownLatch(1);
        Cancellable run = background.run(() -> {
            if (mayEnd.await(10, TimeUnit.SECONDS)) {
                endedUninterrupted.countDown();
            }
            return "late";
        }, delivered::add, delivered::add);
        run.forget();
        mayEnd.countDown();
        assertThat(endedUninterrupted.await(10, TimeUnit.SECONDS)).isTrue();
        fx.runWaiting();
        assertThat(delivered).isEmpty();

        Cancellable queued = background.run(() -> "queued", delivered::add, delivered::add);
        Runnable onItsWay = fx.next();
        queued.forget();
        onItsWay.run();
        assertThat(delivered).isEmpty();
    }

    /** The result was already on its way to the FX thread when the screen cancelled: it is still not shown. */
    @Test
    void aResultOnItsWayIsDroppedWhenCancelledBeforeItArrives() {
        Cancellable run = background.run(() -> "late", delivered::add, delivered::add);
        Runnable onItsWay = fx.next();
        run.cancel();
        onItsWay.run();
        assertThat(delivered).isEmpty();
    }
}
