package dance.normal.server.auth;

import dance.normal.protocol.Role;
import dance.normal.server.http.ApiException;
import io.javalin.http.Context;

/** Finds who made a request from its {@code Authorization: Bearer} access token, and checks roles. */
public final class Authenticator {

    private static final String ATTRIBUTE = "nd.principal";

    private final TokenService tokens;
    private final AuthService accounts;

    public Authenticator(TokenService tokens, AuthService accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** The signed-in caller; 401 when the token is missing, forged, expired, or its session was signed out. */
    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthenticated("Sign in to do this.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
            throw ApiException.unauthenticated("Send the access token as \"Authorization: Bearer <token>\".");
        }
        TokenService.Verified verified = tokens.verifyToken(header.substring(7).trim());
        Principal principal = verified.principal();
        accounts.requireLiveSession(principal, verified.generation());
        ctx.attribute(ATTRIBUTE, principal);
        return principal;
    }

    /** The signed-in caller, who must be an artist; 403 for listeners. */
    public Principal requireArtist(Context ctx) {
        Principal principal = require(ctx);
        if (principal.role() != Role.ARTIST) {
            throw ApiException.forbidden("Only artist accounts can do this.");
        }
        return principal;
    }
}
