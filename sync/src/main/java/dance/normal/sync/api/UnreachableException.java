package dance.normal.sync.api;

/** The server could not be reached (refused, timed out, reset), or the circuit breaker is open after such failures. */
public final class UnreachableException extends ApiException {

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
