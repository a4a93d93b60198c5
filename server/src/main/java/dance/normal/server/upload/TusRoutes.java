package dance.normal.server.upload;

import dance.normal.protocol.ProblemType;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * tus 1.0 at {@code /api/v1/uploads} (core, creation, termination; docs/studio.md, decision 0038): HTTP only, the
 * protocol's state is {@link TusService}'s. Every answer carries {@code Tus-Resumable}; refusals are problem+json
 * like every other route, which tus clients accept (they read the status). PATCH bodies are streamed, so a refusal
 * before the body was read closes the connection, as for {@code POST /api/v1/tracks}. A client whose HTTP stack has
 * no PATCH may POST with {@code X-HTTP-Method-Override: PATCH} (tus-java-client on the JDK does).
 */
public final class TusRoutes {

    static final String VERSION = "1.0.0";
    private static final String OFFSET_STREAM = "application/offset+octet-stream";

    private final TusService tus;

    public TusRoutes(TusService tus) {
        this.tus = tus;
    }

    public void routes(RoutesConfig r) {
        r.options("/api/v1/uploads", this::options);
        r.post("/api/v1/uploads", this::create, Access.ARTIST);
        r.head("/api/v1/uploads/{id}", this::head, Access.ARTIST);
        r.patch("/api/v1/uploads/{id}", this::patch, Access.ARTIST, Access.Body.STREAMED);
        r.post("/api/v1/uploads/{id}", this::patchOverride, Access.ARTIST, Access.Body.STREAMED);
        r.delete("/api/v1/uploads/{id}", this::terminate, Access.ARTIST);
    }

    /** Discovery: what this server speaks. Public, as it says nothing about anyone. */
    private void options(Context ctx) {
        ctx.header("Tus-Resumable", VERSION);
        ctx.header("Tus-Version", VERSION);
        ctx.header("Tus-Extension", "creation,termination");
        ctx.header("Tus-Max-Size", Long.toString(tus.maxBytes()));
        ctx.status(204);
    }

    private void create(Context ctx) {
        requireResumable(ctx);
        if (ctx.header("Upload-Defer-Length") != null) {
            throw ApiException.badRequest("Give the file's size in Upload-Length; deferred lengths are not taken.");
        }
        long length = number(ctx, "Upload-Length");
        String id = tus.create(AccessGate.caller(ctx, Principal.class), length, ctx.header("Upload-Metadata"));
        ctx.header("Location", "/api/v1/uploads/" + id);
        ctx.status(201);
    }

    private void head(Context ctx) {
        requireResumable(ctx);
        TusService.State state = tus.state(AccessGate.caller(ctx, Principal.class), uploadId(ctx));
        ctx.header("Upload-Offset", Long.toString(state.offset()));
        ctx.header("Upload-Length", Long.toString(state.length()));
        ctx.header("Cache-Control", "no-store");
        ctx.status(200);
    }

    private void patch(Context ctx) throws IOException {
        try {
            requireResumable(ctx);
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith(OFFSET_STREAM)) {
                throw new ApiException(ProblemType.UNSUPPORTED_MEDIA, 415,
                        "Send the bytes as " + OFFSET_STREAM + ".");
            }
            long offset = number(ctx, "Upload-Offset");
            long length = ctx.req().getContentLengthLong();
            TusService.Progress progress = tus.patch(AccessGate.caller(ctx, Principal.class), uploadId(ctx), offset,
                    length, ctx.req().getInputStream());
            ctx.header("Upload-Offset", Long.toString(progress.offset()));
            if (progress instanceof TusService.Progress.Finished finished) {
                ctx.header("Track-Id", finished.track().id());
            }
            ctx.status(204);
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
            throw e;
        }
    }

    /**
     * A PATCH sent as POST with {@code X-HTTP-Method-Override: PATCH}, as tus clients do where their HTTP stack has
     * no PATCH (the JDK's HttpURLConnection, under tus-java-client); any other POST there is not allowed.
     */
    private void patchOverride(Context ctx) throws IOException {
        if (!"PATCH".equalsIgnoreCase(ctx.header("X-HTTP-Method-Override"))) {
            ctx.header("Connection", "close");
            throw new ApiException(ProblemType.BAD_REQUEST, 405, "POST is not allowed on an upload; send PATCH (or "
                    + "POST with X-HTTP-Method-Override: PATCH).", Map.of("Allow", "HEAD, PATCH, DELETE"));
        }
        patch(ctx);
    }

    private void terminate(Context ctx) {
        requireResumable(ctx);
        tus.terminate(AccessGate.caller(ctx, Principal.class), uploadId(ctx));
        ctx.status(204);
    }

    /** Every answer but OPTIONS says the version; a request in another (or no) version is refused with 412. */
    private static void requireResumable(Context ctx) {
        ctx.header("Tus-Resumable", VERSION);
        if (!VERSION.equals(ctx.header("Tus-Resumable"))) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED, 412, "Send Tus-Resumable: " + VERSION
                    + "; this server speaks tus " + VERSION + ".", Map.of("Tus-Version", VERSION));
        }
    }

    private static String uploadId(Context ctx) {
        return Http.uuidPath(ctx, "id", "upload");
    }

    private static long number(Context ctx, String header) {
        String v = ctx.header(header);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("Give " + header + ", a whole number of bytes.");
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest(header + " must be a whole number of bytes, 0 or more.");
    }
}
