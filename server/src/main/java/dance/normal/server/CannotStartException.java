package dance.normal.server;

/**
 * The server cannot start as configured, for a reason an operator can fix (an HSM token, slot or key that is not
 * there, a wrong PIN). {@link Main} prints the message, a sentence naming what is wrong, and exits with code 1
 * without a stack trace.
 */
public final class CannotStartException extends RuntimeException {

    public CannotStartException(String message) {
        super(message);
    }

    public CannotStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
