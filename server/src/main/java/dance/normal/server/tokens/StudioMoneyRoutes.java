package dance.normal.server.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The Studio's money over HTTP (docs/studio.md): the offering preview, earnings, holders and the CSV statement. */
public final class StudioMoneyRoutes {

    private final MoneyServices money;
    private final ObjectMapper json;

    public StudioMoneyRoutes(MoneyServices money, ObjectMapper json) {
        this.money = money;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/studio/offerings/preview", this::preview, Access.ARTIST);
        r.get("/api/v1/studio/earnings", this::earnings, Access.ARTIST);
        r.get("/api/v1/studio/tracks/{id}/holders", this::holders, Access.ARTIST);
        r.get("/api/v1/studio/statement.csv", this::statement, Access.ARTIST);
    }

    private void preview(Context ctx) {
        ctx.json(money.previews().preview(Http.body(ctx, json, OfferingPreviewRequest.class)));
    }

    private void earnings(Context ctx) {
        ctx.json(money.studio().earnings(principal(ctx), Http.intQuery(ctx, "days", 30, 1, 366)));
    }

    private void holders(Context ctx) {
        ctx.json(money.studio().holders(principal(ctx), Http.uuidPath(ctx, "id", "track")));
    }

    private void statement(Context ctx) {
        StudioMoneyService.StatementFile file = money.studio().statementFile(principal(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/csv; charset=utf-8").result(file.csv());
    }

    private static Principal principal(Context ctx) {
        return AccessGate.caller(ctx, Principal.class);
    }
}
