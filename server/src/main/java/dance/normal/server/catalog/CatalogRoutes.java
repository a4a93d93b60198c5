package dance.normal.server.catalog;

import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The public catalog (tracks, artists, releases, search) and its change feed. */
public final class CatalogRoutes {

    private final CatalogService catalog;
    private final ChangeFeed feed;

    public CatalogRoutes(CatalogService catalog, ChangeFeed feed) {
        this.catalog = catalog;
        this.feed = feed;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/tracks", this::tracks);
        r.get("/api/v1/tracks/{id}", this::track);
        r.get("/api/v1/artists/{id}", this::artist);
        r.get("/api/v1/releases/{id}", this::release);
        r.get("/api/v1/sync", this::changes);
    }

    private void tracks(Context ctx) {
        ctx.json(catalog.tracks(ctx.queryParam("q"), ctx.queryParam("cursor"),
                Http.intQuery(ctx, "limit", 50, 1, CatalogRepository.MAX_PAGE)));
    }

    private void track(Context ctx) {
        ctx.json(catalog.track(Http.uuidPath(ctx, "id", "track"))
                .orElseThrow(() -> ApiException.notFound("There is no such track.")));
    }

    private void artist(Context ctx) {
        ctx.json(catalog.artist(Http.uuidPath(ctx, "id", "artist"))
                .orElseThrow(() -> ApiException.notFound("There is no such artist.")));
    }

    private void release(Context ctx) {
        ctx.json(catalog.release(Http.uuidPath(ctx, "id", "release"))
                .orElseThrow(() -> ApiException.notFound("There is no such release.")));
    }

    private void changes(Context ctx) {
        ctx.json(feed.page(ctx.queryParam("since"), Http.intQuery(ctx, "limit", 500, 1, ChangeFeed.MAX_LIMIT)));
    }
}
