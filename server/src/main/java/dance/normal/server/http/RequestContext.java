package dance.normal.server.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every request carries from its first handler to its access-log line: a request id (the client's
 * {@code X-Request-Id} when it is a sane token, else a new one), echoed in the answer, put on the logging context
 * (MDC {@code requestId}) and in every problem; and, when the answer is done, one access line and the route's
 * metrics. {@link #begin(Context)} is the first before-handler; {@link #end(Context, Float)} is Javalin's request
 * logger.
 */
public final class RequestContext {

    private static final Logger ACCESS = LoggerFactory.getLogger("dance.normal.server.access");
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final String ID = "nd.requestId";

    /** Where each answered request's timing goes (the metrics). */
    @FunctionalInterface
    public interface Timings {
        void request(String method, String route, int status, float millis);
    }

    private final Timings metrics;

    public RequestContext(Timings metrics) {
        this.metrics = metrics;
    }

    public void begin(Context ctx) {
        String incoming = ctx.header("X-Request-Id");
        boolean valid = incoming != null && REQUEST_ID.matcher(incoming).matches();
        String id = valid ? incoming : newRequestId();
        MDC.put("requestId", id);
        ctx.attribute(ID, id);
        ctx.header("X-Request-Id", id);
    }

    /** Logs the request once it is answered (health checks and scrapes only count in metrics). */
    public void end(Context ctx, Float millis) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        int status = ctx.status().getCode();
        metrics.request(ctx.method().name(), route, status, millis);
        if (!route.equals("/metrics") && !route.equals("/health") && !route.equals("/ready")) {
            ACCESS.info("{} {} {} {} ms", ctx.method(), route, status, String.format(Locale.ROOT, "%.1f", millis));
        }
        MDC.remove("requestId");
    }

    /** The request's id; null only before {@link #begin(Context)} ran. */
    public static String id(Context ctx) {
        return ctx.attribute(ID);
    }

    /** A random id for logs; UUID.randomUUID() would take SecureRandom's lock on every request. */
    private static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }
}
