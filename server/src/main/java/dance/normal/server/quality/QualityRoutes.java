package dance.normal.server.quality;

import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The quality report of an artist's own track ({@code docs/studio.md}); another artist's track answers 404. */
public final class QualityRoutes {

    private final QualityService quality;

    public QualityRoutes(QualityService quality) {
        this.quality = quality;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/studio/tracks/{id}/report", this::report, Access.ARTIST);
    }

    private void report(Context ctx) {
        ctx.json(quality.report(AccessGate.caller(ctx, Principal.class), Http.uuidPath(ctx, "id", "track")));
    }
}
