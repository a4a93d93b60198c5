package dance.normal.server.http;

import dance.normal.protocol.ProblemType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the server decides about a request before any route sees it: the metrics port serves only
 * {@code /metrics}; answers with tokens or an account's own data are never cached; a draining server refuses new
 * work with 503; a HEAD that Javalin would answer without running a handler is refused with 405.
 */
public final class RequestPolicy {

    /** Prefixes of routes whose answers carry tokens or an account's own data: never kept by a cache. */
    private static final List<String> NO_STORE = List.of("/api/v1/auth/", "/api/v1/me", "/api/v1/admin/",
            "/api/v1/quotes", "/api/v1/purchases", "/api/v1/artists/me/");

    private final Predicate<Context> onMetricsPort;
    private final BooleanSupplier draining;
    private final Supplier<List<String>> routes;
    private volatile RouteTemplates routeTemplates;

    /**
     * @param routes method and path of every registered route, asked for once the first request arrives
     */
    public RequestPolicy(Predicate<Context> onMetricsPort, BooleanSupplier draining, Supplier<List<String>> routes) {
        this.onMetricsPort = onMetricsPort;
        this.draining = draining;
        this.routes = routes;
    }

    public void check(Context ctx) {
        String path = ctx.path();
        if (onMetricsPort.test(ctx) && !path.equals("/metrics")) {
            throw ApiException.notFound("Only /metrics is served on this port.");
        }
        if (NO_STORE.stream().anyMatch(path::startsWith)) {
            ctx.header("Cache-Control", "no-store");
        }
        if (draining.getAsBoolean() && !ctx.path().equals("/health")) {
            ctx.header("Retry-After", "5");
            throw new ApiException(ProblemType.UNAVAILABLE, 503, "The server is shutting down; try again shortly.");
        }
        if (ctx.method() == HandlerType.HEAD && routeTemplates().answersHeadAsGetWithoutHandler(ctx.path())) {
            throw new ApiException(ProblemType.BAD_REQUEST, 405, "HEAD is not answered on " + Problems.safePath(ctx)
                    + "; send GET.", Map.of("Allow", "GET"));
        }
    }

    /**
     * The registered GET and HEAD paths, as patterns. Javalin answers HEAD on a GET route that has no HEAD route of
     * its own with an empty 200 without running any handler: no sign-in check, no database check on /ready. Such a
     * HEAD is refused with 405 instead; the routes with a HEAD handler answer it themselves.
     */
    private record RouteTemplates(List<Pattern> get, List<Pattern> head) {

        static RouteTemplates of(List<String> routes) {
            return new RouteTemplates(patterns(routes, "GET "), patterns(routes, "HEAD "));
        }

        private static List<Pattern> patterns(List<String> routes, String method) {
            return routes.stream().filter(r -> r.regionMatches(true, 0, method, 0, method.length())).map(r -> {
                StringBuilder regex = new StringBuilder();
                for (String part : r.substring(method.length()).split("(?=\\{)|(?<=})")) {
                    regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
                }
                return Pattern.compile(regex.toString());
            }).toList();
        }

        boolean answersHeadAsGetWithoutHandler(String path) {
            return get.stream().anyMatch(p -> p.matcher(path).matches())
                    && head.stream().noneMatch(p -> p.matcher(path).matches());
        }
    }

    private RouteTemplates routeTemplates() {
        RouteTemplates t = routeTemplates;
        if (t == null) {
            t = RouteTemplates.of(routes.get());
            routeTemplates = t;
        }
        return t;
    }
}
