package dance.normal.server.tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places where a test can make the server process die at once, as a power cut would: start it with
 * {@code -Dnd.faultPoint=<name>} and it halts (exit code 137, no shutdown hooks) the first time it gets there.
 * Off unless that property is set.
 *
 * <p>An in-process test can instead make one fault point throw {@link Injected} ({@link #throwAt}), to show that a
 * use case's writes before it are rolled back with the rest of its transaction.
 */
public final class FaultPoints {

    private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);
    private static final String ARMED = System.getProperty("nd.faultPoint", "");

    private static volatile String throwing = "";

    private FaultPoints() {
    }

    /** What an in-process fault point throws. */
    public static final class Injected extends RuntimeException {
        Injected(String name) {
            super("Fault injected at " + name);
        }
    }

    /** Until closed, the fault point {@code name} throws {@link Injected} in this process (for tests). */
    public static AutoCloseable throwAt(String name) {
        throwing = name;
        return () -> throwing = "";
    }

    /** Dies here if this is the armed fault point. */
    public static void hit(String name) {
        if (!ARMED.isEmpty() && ARMED.equals(name)) {
            LOG.warn("Fault point {} reached: halting the process", name);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
        if (!throwing.isEmpty() && throwing.equals(name)) {
            throw new Injected(name);
        }
    }
}
