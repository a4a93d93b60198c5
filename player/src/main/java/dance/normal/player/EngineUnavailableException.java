package dance.normal.player;

/**
 * The native audio engine cannot start, typically because libVLC is not installed. Its message is one
 * sentence a user can act on.
 */
public final class EngineUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and how to install it
     * @param cause   the library failure, or null
     */
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
