package dance.normal.server.tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places where a test can make the server process die at once, as a power cut would: start it with
 * {@code -Dnd.faultPoint=<name>} and it halts (exit code 137, no shutdown hooks) the first time it gets there.
 * Off unless that property is set.
 */
public final class FaultPoints {

    private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);
    private static final String ARMED = System.getProperty("nd.faultPoint", "");

    private FaultPoints() {
    }

    /** Dies here if this is the armed fault point. */
    public static void hit(String name) {
        if (!ARMED.isEmpty() && ARMED.equals(name)) {
            LOG.warn("Fault point {} reached: halting the process", name);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
