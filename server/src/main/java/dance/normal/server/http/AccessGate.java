package dance.normal.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a route's {@link Access} role before its handler runs (a {@code beforeMatched} handler) and puts the
 * authenticated caller on the request, where handlers read it with {@link #caller(Context, Class)}: one check per
 * request, instead of a {@code require(...)} at the top of every handler. The checks are plain functions of the
 * {@code Authorization} header (the auth services know nothing of HTTP), and refuse by throwing the
 * {@link ApiException} the problem mapping turns into the answer.
 */
public final class AccessGate implements Handler {

    private static final String CALLER = "nd.principal";

    /** Checks an {@code Authorization} header (null when absent); returns the caller, or null when there is none. */
    @FunctionalInterface
    public interface Check {
        Object caller(String authorization);
    }

    private final Map<Access, Check> checks = new EnumMap<>(Access.class);

    public AccessGate(Check signedIn, Check artist, Check admin) {
        checks.put(Access.SIGNED_IN, signedIn);
        checks.put(Access.ARTIST, artist);
        checks.put(Access.ADMIN, admin);
    }

    @Override
    public void handle(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        for (RouteRole role : roles) {
            if (role instanceof Access access) {
                try {
                    Object caller = checks.get(access).caller(ctx.header("Authorization"));
                    if (caller != null) {
                        ctx.attribute(CALLER, caller);
                    }
                } catch (RuntimeException e) {
                    if (roles.contains(Access.Body.STREAMED)) {
                        ctx.header("Connection", "close");
                    }
                    throw e;
                }
            }
        }
    }

    /** The caller the gate let in; only on a route registered with a signed-in {@link Access} role. */
    public static <P> P caller(Context ctx, Class<P> type) {
        Object caller = ctx.attribute(CALLER);
        if (!type.isInstance(caller)) {
            throw new IllegalStateException(ctx.endpoint().path + " was registered without a signed-in access role");
        }
        return type.cast(caller);
    }
}
