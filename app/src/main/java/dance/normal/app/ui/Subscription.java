package dance.normal.app.ui;

/** Events followed until closed; closing stops them, also those already on their way to the FX thread. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Stops the events; safe to call more than once. */
    @Override
    void close();
}
