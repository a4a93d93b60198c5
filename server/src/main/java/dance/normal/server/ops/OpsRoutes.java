package dance.normal.server.ops;

import dance.normal.protocol.ProblemType;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.db.Database;
import dance.normal.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** What operators and load balancers ask: liveness, readiness, metrics, and the API's description. */
public final class OpsRoutes {

    private final Database db;
    private final Metrics metrics;
    private final AdminAuth admin;
    private final boolean metricsPortSet;
    private final Predicate<Context> onMetricsPort;
    private final BooleanSupplier draining;

    /**
     * @param metricsPortSet whether {@code --metrics-port} was given (then /metrics is served there only)
     * @param onMetricsPort  whether a request came in on that port
     */
    public OpsRoutes(Database db, Metrics metrics, AdminAuth admin, boolean metricsPortSet,
                     Predicate<Context> onMetricsPort, BooleanSupplier draining) {
        this.db = db;
        this.metrics = metrics;
        this.admin = admin;
        this.metricsPortSet = metricsPortSet;
        this.onMetricsPort = onMetricsPort;
        this.draining = draining;
    }

    public void routes(RoutesConfig r) {
        r.get("/health", this::health);
        r.get("/ready", this::ready);
        r.get("/metrics", this::metrics);
        r.get("/openapi.json", this::openApi);
    }

    private void health(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    private void ready(Context ctx) {
        if (draining.getAsBoolean()) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503, "The server is shutting down.");
        }
        if (!db.isReachable()) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503, "The database is not reachable.");
        }
        ctx.json(Map.of("status", "ready", "database", db.dialect().name().toLowerCase(Locale.ROOT)));
    }

    /**
     * Prometheus text. With {@code --metrics-port} only there (loopback); otherwise on the main port for the admin
     * token, since route timings and counts tell an outsider how the service is used.
     */
    private void metrics(Context ctx) {
        if (metricsPortSet) {
            if (!onMetricsPort.test(ctx)) {
                throw ApiException.notFound("There is nothing at /metrics on this port.");
            }
        } else {
            admin.check(ctx.header("Authorization"));
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new ApiException(ProblemType.INTERNAL, 500, "The API description is missing from this build.");
            }
            ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
