package dance.normal.app.ui;

/**
 * Work under way that can be called off: once cancelled (or forgotten), its result or error is never delivered.
 * Both are safe to call more than once, and after the work ended.
 */
public interface Cancellable {

    /** Nothing under way. */
    Cancellable NONE = new Cancellable() {
        @Override
        public void cancel() {
        }

        @Override
        public void forget() {
        }
    };

    /** Calls the work off: it is interrupted if it runs, and nothing it produces is delivered. */
    void cancel();

    /**
     * Drops the work's result but lets it run to its end. For work whose interruption costs more than it saves: an
     * HTTP call interrupted half-way counts against the server in the API client's circuit breaker.
     */
    void forget();
}
