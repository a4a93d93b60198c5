package dance.normal.sync.api;

/** The server answered, but not with something this client can read: garbage, a wrong content type, a 5xx page. */
public final class BadResponseException extends ApiException {

    public BadResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
