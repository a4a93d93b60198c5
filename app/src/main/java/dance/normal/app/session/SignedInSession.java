package dance.normal.app.session;

/**
 * A signed-in listener on this device: their {@link SessionServices}, and the session's lifecycle, owned by the app
 * window. Closing it stops the player, sync and downloads and closes the wallet and the store.
 */
public interface SignedInSession extends SessionServices, AutoCloseable {

    /** Signs out on this device: the saved session is forgotten (the wallet stays, for the next sign-in). */
    void signOut();

    @Override
    void close();
}
