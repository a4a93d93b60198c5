package dance.normal.app.session;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a fake's call until the test opens it, so a test can see what the screen shows while work is under way
 * (a button disabled while buying). Open from the start unless {@link #close} was called.
 */
public final class Gate {

    private volatile CountDownLatch latch = new CountDownLatch(0);

    /** Calls wait from now on, until {@link #open}. */
    public void close() {
        latch = new CountDownLatch(1);
    }

    public void open() {
        latch.countDown();
    }

    /** Waits (in the fake, off the FX thread) until the gate is open. */
    public void pass() {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
