package dance.normal.server.payments;

import dance.normal.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** Stripe's side of payments: its signed webhook, and the page its Checkout sends the listener's browser back to. */
public final class PaymentRoutes {

    /** Null when Stripe is not set up. */
    private final StripeWebhook stripeWebhook;

    public PaymentRoutes(Optional<StripeWebhook> stripeWebhook) {
        this.stripeWebhook = stripeWebhook.orElse(null);
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/payments/stripe/webhook", this::stripeWebhook);
        r.get(StripeProvider.RETURN_PATH, this::checkoutReturn);
    }

    private void stripeWebhook(Context ctx) {
        if (stripeWebhook == null) {
            throw ApiException.notFound("Stripe is not set up on this server.");
        }
        boolean fresh = stripeWebhook.handle(ctx.header("Stripe-Signature"), ctx.bodyAsBytes());
        ctx.json(Map.of("received", true, "duplicate", !fresh));
    }

    /**
     * Where Stripe's payment page sends the listener's browser back: a page that says to return to the app (which
     * follows the top-up by itself). Nothing here changes money; only the webhook or a lookup at Stripe does.
     */
    private void checkoutReturn(Context ctx) {
        boolean paid = "paid".equals(ctx.queryParam("result"));
        String sentence = paid ? "Thank you. Your payment is with Stripe; Normal Dance adds the money as soon as "
                + "Stripe confirms it. You can close this page and go back to the app."
                : "No payment was made. You can close this page and go back to the app.";
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result("<!doctype html>"
                + "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Normal Dance</title></head><body>"
                + "<h1>Normal Dance</h1><p>" + sentence + "</p></body></html>");
    }
}
