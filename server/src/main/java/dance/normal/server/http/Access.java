package dance.normal.server.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, declared when the route is registered ({@code r.get(path, handler, Access.SIGNED_IN)}).
 * {@link AccessGate} checks it once, before the handler runs, and puts the caller on the request; a route without
 * an access role is public or checks its own credential (a signed stream URL, a Stripe signature).
 */
public enum Access implements RouteRole {
    /** Any signed-in account, by its access token. */
    SIGNED_IN,
    /** A signed-in artist account; listeners get 403. */
    ARTIST,
    /** The operator's admin token. */
    ADMIN;

    /**
     * Marks a route whose body is streamed by its handler (uploads): a request refused before its body was read
     * leaves that body on the connection, which the server then closes, so the refusal says {@code Connection:
     * close} and the client does not send its next request on it.
     */
    public enum Body implements RouteRole {
        STREAMED
    }
}
