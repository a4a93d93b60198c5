package dance.normal.server.auth;

import dance.normal.protocol.Role;
import dance.normal.server.http.ApiException;

/** Finds who made a request from its {@code Authorization: Bearer} access token, and checks roles. */
public final class Authenticator {

    private final TokenService tokens;
    private final SessionService sessions;

    public Authenticator(TokenService tokens, SessionService sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /**
     * The signed-in caller of a request with this {@code Authorization} header (null when it has none); 401 when
     * the token is missing, forged, expired, or its session was signed out.
     */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthenticated("Sign in to do this.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 4096) {
            throw ApiException.unauthenticated("Send the access token as \"Authorization: Bearer <token>\".");
        }
        TokenService.Verified verified = tokens.verifyToken(authorization.substring(7).trim());
        Principal principal = verified.principal();
        sessions.requireLiveSession(principal, verified.generation());
        return principal;
    }

    /** As {@link #authenticate(String)}, and the caller must be an artist; 403 for listeners. */
    public Principal artist(String authorization) {
        Principal principal = authenticate(authorization);
        if (principal.role() != Role.ARTIST) {
            throw ApiException.forbidden("Only artist accounts can do this.");
        }
        return principal;
    }
}
