package dance.normal.app.session;

/** Signing up or in with an email and password, as the first-run screen does. Both refuse the FX thread. */
public interface SignIn {

    /** Creates the account, then the wallet (sealed with the password) and registers it; wipes the password. */
    SignedInSession signUp(String email, char[] password);

    /**
     * Creates an artist's account named {@code artistName} (the app's Studio is theirs), then the wallet, as
     * {@link #signUp}; wipes the password.
     */
    SignedInSession signUpArtist(String email, char[] password, String artistName);

    /** Signs in, opening this device's wallet for the account (or making one); wipes the password. */
    SignedInSession signIn(String email, char[] password);
}
