package dance.normal.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.RefreshRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.http.TrustedProxies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Accounts and sessions: sign-up, sign-in, refresh, sign-out, the account itself and its artist profile. */
public final class AuthRoutes {

    private final AuthService auth;
    private final SessionService sessions;
    private final Authenticator authenticator;
    private final TrustedProxies proxies;
    private final ObjectMapper json;

    public AuthRoutes(AuthService auth, Authenticator authenticator, TrustedProxies proxies, ObjectMapper json) {
        this.auth = auth;
        this.sessions = auth.sessions();
        this.authenticator = authenticator;
        this.proxies = proxies;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/auth/signup", this::signup);
        r.post("/api/v1/auth/login", this::login);
        r.post("/api/v1/auth/refresh", this::refresh);
        r.post("/api/v1/auth/logout", this::logout);
        r.get("/api/v1/me", this::me, Access.SIGNED_IN);
        r.post("/api/v1/me/artist", this::becomeArtist, Access.SIGNED_IN);
        r.patch("/api/v1/me/artist", this::updateArtist, Access.ARTIST);
    }

    private void signup(Context ctx) {
        ctx.status(201).json(auth.signup(body(ctx, SignupRequest.class), clientAddress(ctx)));
    }

    private void login(Context ctx) {
        ctx.json(auth.login(body(ctx, LoginRequest.class), clientAddress(ctx)));
    }

    private void refresh(Context ctx) {
        ctx.json(sessions.refresh(body(ctx, RefreshRequest.class).refreshToken()));
    }

    /**
     * Sign-out with the refresh token in the body, the access token as bearer, or both: an app signing out after a
     * while idle has no live access token, so an expired or revoked bearer is ignored when a refresh token came.
     */
    private void logout(Context ctx) {
        String refresh = null;
        if (ctx.contentType() != null && ctx.contentLength() != 0) {
            refresh = body(ctx, RefreshRequest.class).refreshToken();
        }
        boolean hasRefresh = refresh != null && !refresh.isBlank();
        Principal principal = null;
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            try {
                principal = authenticator.authenticate(authorization);
            } catch (ApiException e) {
                if (!hasRefresh) {
                    throw e;
                }
            }
        }
        if (principal == null && !hasRefresh) {
            throw ApiException.unauthenticated("Send the refresh token (or the access token) of the session to end.");
        }
        sessions.logout(principal, refresh);
        ctx.status(204);
    }

    private void me(Context ctx) {
        ctx.json(sessions.me(principal(ctx)));
    }

    private void becomeArtist(Context ctx) {
        ctx.json(auth.becomeArtist(principal(ctx), ctx.header("Refresh-Token"), body(ctx, ArtistProfileRequest.class)));
    }

    private void updateArtist(Context ctx) {
        ctx.json(auth.updateArtistProfile(principal(ctx), body(ctx, ArtistProfileRequest.class), null));
    }

    /** The client's address for limits: the TCP peer, or what a configured trusted proxy says it saw. */
    private String clientAddress(Context ctx) {
        return proxies.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    private static Principal principal(Context ctx) {
        return AccessGate.caller(ctx, Principal.class);
    }

    private <T> T body(Context ctx, Class<T> type) {
        return Http.body(ctx, json, type);
    }
}
