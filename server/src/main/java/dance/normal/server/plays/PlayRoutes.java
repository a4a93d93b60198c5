package dance.normal.server.plays;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.plays.PlayBatch;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogService;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Plays: a device reports them, the chart counts them, an artist sees why each was paid or not. */
public final class PlayRoutes {

    private final PlayService plays;
    private final CatalogService catalog;
    private final ObjectMapper json;

    public PlayRoutes(PlayService plays, CatalogService catalog, ObjectMapper json) {
        this.plays = plays;
        this.catalog = catalog;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/plays", this::record, Access.SIGNED_IN);
        r.get("/api/v1/me/artist/plays", this::artistPlays, Access.ARTIST);
        r.get("/api/v1/popular", this::popular);
    }

    private void record(Context ctx) {
        ctx.json(plays.record(AccessGate.caller(ctx, Principal.class), Http.body(ctx, json, PlayBatch.class)));
    }

    /** Counts per reason of the plays of the signed-in artist's tracks: what was paid, and why the rest was not. */
    private void artistPlays(Context ctx) {
        Principal principal = AccessGate.caller(ctx, Principal.class);
        Artist artist = catalog.artistOfAccount(principal.accountId())
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
        ctx.json(plays.reasons(artist.id()));
    }

    private void popular(Context ctx) {
        ctx.json(plays.popular(Http.intQuery(ctx, "limit", 20, 1, 100)));
    }
}
