package dance.normal.server.payments;

/** The provider could not be reached or failed on its side; the charge may be tried again with the same key. */
public final class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
