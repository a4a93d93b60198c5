package dance.normal.server.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.protocol.tokens.WithdrawalRequest;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.http.RequestContext;
import dance.normal.server.payments.TopupOutcome;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Tokens and money over HTTP: offerings, quotes, purchases, top-ups, holdings, earnings, the ledger, withdrawals. */
public final class MoneyRoutes {

    private final MoneyServices money;
    private final ObjectMapper json;

    public MoneyRoutes(MoneyServices money, ObjectMapper json) {
        this.money = money;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/offerings", this::openOffering, Access.ARTIST);
        r.get("/api/v1/offerings/{trackId}", this::offering);
        r.post("/api/v1/quotes", this::quote, Access.SIGNED_IN);
        r.post("/api/v1/purchases", this::purchase, Access.SIGNED_IN);
        r.get("/api/v1/me/purchases", this::purchases, Access.SIGNED_IN);
        r.get("/api/v1/me/purchases/{id}", this::purchaseOf, Access.SIGNED_IN);
        r.post("/api/v1/me/topups", this::topup, Access.SIGNED_IN);
        r.get("/api/v1/me/topups/{id}", this::topupOf, Access.SIGNED_IN);
        r.get("/api/v1/me/holdings", this::holdings, Access.SIGNED_IN);
        r.get("/api/v1/me/earnings", this::earnings, Access.SIGNED_IN);
        r.get("/api/v1/me/ledger", this::ledger, Access.SIGNED_IN);
        r.post("/api/v1/me/withdrawals", this::withdraw, Access.SIGNED_IN);
        r.get("/api/v1/artists/me/earnings", this::artistEarnings, Access.ARTIST);
    }

    private void openOffering(Context ctx) {
        ctx.status(201).json(money.offerings().open(principal(ctx), body(ctx, OfferingRequest.class)));
    }

    private void offering(Context ctx) {
        ctx.json(money.offerings().find(Http.uuidPath(ctx, "trackId", "track"))
                .orElseThrow(() -> ApiException.notFound("This track has no token offering.")));
    }

    private void quote(Context ctx) {
        ctx.status(201).json(money.quotes().quote(principal(ctx), body(ctx, QuoteRequest.class)));
    }

    private void purchase(Context ctx) {
        PurchaseOutcome outcome = money.purchases().purchase(principal(ctx), ctx.header("Idempotency-Key"),
                body(ctx, PurchaseRequest.class), RequestContext.id(ctx));
        switch (outcome) {
            case PurchaseOutcome.Completed done -> ctx.status(201).contentType("application/json")
                    .result(done.purchaseJson());
            case PurchaseOutcome.Refunded refunded -> ctx.status(200).contentType("application/json")
                    .result(refunded.purchaseJson());
            case PurchaseOutcome.Rejected rejected -> ctx.status(rejected.status()).contentType(Problem.MEDIA_TYPE)
                    .result(rejected.problemJson());
            case PurchaseOutcome.Waiting waiting -> ctx.status(202).json(waiting.purchase());
        }
    }

    private void purchases(Context ctx) {
        ctx.json(Map.of("purchases", money.purchases().list(principal(ctx))));
    }

    private void purchaseOf(Context ctx) {
        ctx.json(money.purchases().find(principal(ctx), Http.uuidPath(ctx, "id", "purchase"))
                .orElseThrow(() -> ApiException.notFound("There is no such purchase.")));
    }

    private void topup(Context ctx) {
        TopupOutcome outcome = money.topups().topup(principal(ctx), ctx.header("Idempotency-Key"),
                body(ctx, TopupRequest.class));
        switch (outcome) {
            case TopupOutcome.Succeeded done -> ctx.status(201).json(done.topup());
            case TopupOutcome.GoingOn going -> ctx.status(202).json(going.topup());
            case TopupOutcome.Declined declined -> throw new ApiException(ProblemType.PAYMENT_DECLINED, 402,
                    declined.sentence());
        }
    }

    private void topupOf(Context ctx) {
        ctx.json(money.topups().find(principal(ctx), Http.uuidPath(ctx, "id", "top-up"))
                .orElseThrow(() -> ApiException.notFound("There is no such top-up.")));
    }

    private void holdings(Context ctx) {
        ctx.json(money.earnings().holdings(principal(ctx)));
    }

    private void earnings(Context ctx) {
        ctx.json(money.earnings().holderEarnings(principal(ctx)));
    }

    private void ledger(Context ctx) {
        ctx.json(money.earnings().ledger(principal(ctx), Http.intQuery(ctx, "limit", 100, 1, 1000)));
    }

    private void withdraw(Context ctx) {
        WithdrawalOutcome outcome = money.earnings().withdraw(principal(ctx), ctx.header("Idempotency-Key"),
                body(ctx, WithdrawalRequest.class));
        int status = switch (outcome) {
            case WithdrawalOutcome.Paid paid -> 201;
            case WithdrawalOutcome.Paying paying -> 202;
            case WithdrawalOutcome.Returned returned -> 200;
        };
        ctx.status(status).json(outcome.withdrawal());
    }

    private void artistEarnings(Context ctx) {
        ctx.json(money.earnings().artistEarnings(principal(ctx)));
    }

    private static Principal principal(Context ctx) {
        return AccessGate.caller(ctx, Principal.class);
    }

    private <T> T body(Context ctx, Class<T> type) {
        return Http.body(ctx, json, type);
    }
}
