package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.server.support.Databases;
import dance.normal.server.support.StripeStandIn;
import dance.normal.server.support.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paying with a real card: the Wallet's top-up with the card field left empty opens Stripe's hosted payment page in
 * the listener's browser and follows the top-up until Stripe's webhook ends it. A real server on loopback, its Stripe
 * provider pointed at a stand-in that speaks Checkout and sends signed webhooks; the real app on headless Monocle.
 * The browser is the one fake: there is none to open under Monocle, so the app's {@code Browser} port records the
 * page instead (and on which thread it was asked).
 */
class CheckoutIT {

    @TempDir
    Path dataDir;

    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private final List<Boolean> openedOnFxThread = new CopyOnWriteArrayList<>();
    private StripeStandIn stripe;
    private TestServer server;
    private AppDriver app;

    @BeforeEach
    void start() {
        stripe = StripeStandIn.start();
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money().withPayments(
                List.of("stripe", "test-card"), Optional.of(stripe.config()))));
        NormalDanceApp.browserForTests = page -> {
            openedOnFxThread.add(Platform.isFxApplicationThread());
            opened.add(page);
        };
        app = new AppDriver(server.url("/"), dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        NormalDanceApp.browserForTests = null;
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
        stripe.close();
    }

    @Test
    void aCardTopUpOpensStripesPageAndShowsDoneWhenStripeConfirms() throws Exception {
        app.launch("en", "onboarding");
        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write("card-" + UUID.randomUUID()
                + "@example.com");
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
        app.click("#submit");
        app.await("the shell", () -> app.find("#shell").tryQuery().isPresent());
        app.click("#nav-wallet");
        Label balance = app.node("#balance");
        Label message = app.node("#wallet-message");
        Node progress = app.node("#topup-progress");
        app.await("the balance", () -> balance.getText().equals("$0.00"), balance::getText);

        app.click("#add-money"); // $20 (the default), the card field left empty: pay on Stripe's page

        app.await("Stripe's page", () -> opened.size() == 1, message::getText);
        Map<String, String> session = stripe.created().getFirst();
        String topupId = session.get("client_reference_id");
        assertThat(session).containsEntry("line_items[0][price_data][unit_amount]", "2000");
        assertThat(opened.getFirst()).isEqualTo(URI.create("https://checkout.stripe.com/c/pay/"
                + stripe.sessionOf(topupId).orElseThrow() + "#fidkdWxOYHwnPyd1blpxYHZxWjA0TormalDance"));
        assertThat(openedOnFxThread).containsExactly(false);
        app.await("the sentence while waiting", () -> message.getText().equals("Stripe's payment page is open in "
                + "your browser: pay there, and your balance follows here.") && progress.isVisible(), message::getText);
        assertThat(balance.getText()).isEqualTo("$0.00");
        app.shoot("wallet-checkout-waiting-en");

        assertThat(stripe.pay(server.url("/api/v1/payments/stripe/webhook"), topupId)).isEqualTo(200);

        app.await("the money", () -> balance.getText().equals("$20.00")
                && message.getText().equals("Added $20.00. Your balance is $20.00.") && !progress.isVisible(),
                () -> balance.getText() + " / " + message.getText());
        assertThat(opened).as("the page opens once").hasSize(1);
    }
}
