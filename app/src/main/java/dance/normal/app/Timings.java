package dance.normal.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;

/**
 * With {@code -Dnd.reportTimings=true} (the start-up benchmark), prints one line to standard output when the first
 * usable screen (the shell or the first-run screen) has been drawn: milliseconds since the JVM started.
 */
public final class Timings {

    private static final boolean ON = Boolean.getBoolean("nd.reportTimings");
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private Timings() {
    }

    /** On the FX thread, right after the first usable screen was put in the window: reports at its next frame. */
    static void firstUsableFrame() {
        if (!ON || REPORTED.getAndSet(true)) {
            return;
        }
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) { // the first pulse lays it out, the second has drawn it
                    stop();
                    report("first usable frame");
                }
            }
        }.start();
    }

    /** Prints {@code what} with the milliseconds since the JVM started. */
    public static void report(String what) {
        if (ON) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("nd-timing " + what + " " + ms + " ms");
        }
    }
}
