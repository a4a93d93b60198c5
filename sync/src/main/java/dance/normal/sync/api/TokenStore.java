package dance.normal.sync.api;

import dance.normal.protocol.auth.TokenPair;
import java.util.Optional;

/**
 * Where the signed-in session's tokens live. The app keeps the refresh token in the device's secret store so a
 * restart stays signed in; tokens never go into logs.
 */
public interface TokenStore {

    /** The current tokens, empty when signed out. */
    Optional<TokenPair> current();

    /**
     * Replaces the tokens after a sign-in or a refresh. A store that outlives the process must have them on disk
     * durably (written to a temporary file, fsynced, renamed atomically) when this returns: {@link ApiClient} uses
     * new tokens only after saving them, because the server has already spent the old refresh token, and a crash
     * before the save would otherwise sign the listener out (the server's grace for a lost answer is short).
     */
    void save(TokenPair tokens);

    /** Forgets the tokens (signed out, or the refresh token was refused). */
    void clear();

    /** Tokens in memory only: for tests and for a session that should not survive a restart. */
    static TokenStore inMemory() {
        return new TokenStore() {
            private volatile TokenPair tokens;

            @Override
            public Optional<TokenPair> current() {
                return Optional.ofNullable(tokens);
            }

            @Override
            public void save(TokenPair newTokens) {
                tokens = newTokens;
            }

            @Override
            public void clear() {
                tokens = null;
            }
        };
    }
}
