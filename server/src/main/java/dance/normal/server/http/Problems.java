package dance.normal.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become {@code application/problem+json}: an {@link ApiException} as it says, Javalin's
 * own 404/405 in sentences, anything else as a logged 500 that names only the request id. (Errors Jetty answers
 * before a request reaches Javalin are written by {@link ProblemErrorHandler}, with {@link #typeFor(int)}.)
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String WRITTEN = "nd.problem";

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    /** Registers the exception and error handlers that answer every failure. */
    public void install(RoutesConfig r) {
        r.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.type(), e.status(), e.getMessage());
        });
        // Javalin's own 404/405 messages echo the raw path and are not sentences; say it like the error handlers.
        r.exception(HttpResponseException.class, (e, ctx) -> write(ctx, typeFor(e.getStatus()), e.getStatus(),
                switch (e.getStatus()) {
                    case 404 -> notFoundSentence(ctx);
                    case 405 -> notAllowedSentence(ctx);
                    default -> e.getMessage();
                }));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, ProblemType.INTERNAL, 500,
                    "Something went wrong on our side. Try again; if it keeps happening, tell us the request id.");
        });
        r.error(404, "*", ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, ProblemType.NOT_FOUND, 404, notFoundSentence(ctx));
            }
        });
        r.error(405, "*", ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, ProblemType.BAD_REQUEST, 405, notAllowedSentence(ctx));
            }
        });
    }

    private void write(Context ctx, ProblemType type, int status, String detail) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        Problem p = new Problem(type.uri(), type.title(), status, detail, ctx.path(), RequestContext.id(ctx));
        try {
            ctx.status(status).contentType(Problem.MEDIA_TYPE).result(json.writeValueAsBytes(p));
        } catch (IOException e) {
            ctx.status(status).result(detail);
        }
    }

    private static String notFoundSentence(Context ctx) {
        return "There is nothing at " + safePath(ctx) + ".";
    }

    private static String notAllowedSentence(Context ctx) {
        return ctx.method() + " is not allowed on " + safePath(ctx) + ".";
    }

    /** The problem type of an error status that carries no type of its own. */
    static ProblemType typeFor(int status) {
        return switch (status) {
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 429 -> ProblemType.TOO_MANY_REQUESTS;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
        };
    }

    /** The path for an error message, cut short and stripped of anything but printable ASCII. */
    public static String safePath(Context ctx) {
        String p = ctx.path().replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }
}
