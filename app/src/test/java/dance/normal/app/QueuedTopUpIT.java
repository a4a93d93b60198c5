package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import dance.normal.server.MoneyConfig;
import dance.normal.server.support.Databases;
import dance.normal.server.support.StripeStandIn;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When every real provider is down a top-up is queued, and the Wallet says so in the server's sentence and follows
 * it until it goes through. A real server on loopback whose only provider is Stripe, pointed at a loopback port
 * nothing listens on (so Stripe cannot be reached: the connection is refused); then the Stripe stand-in starts on
 * that port, the server's stopped clock is moved past the first backoff and its retry job is run, and the listener
 * pays on Stripe's page. The real app on headless Monocle; the browser is recorded (there is none under Monocle).
 */
class QueuedTopUpIT {

    private static final String QUEUED = "We cannot reach the payment service right now. Your top-up of $20.00 is "
            + "queued and goes through by itself; nothing has been charged yet.";

    @TempDir
    Path dataDir;

    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private final TestClock clock = TestClock.stopped();
    private int stripePort;
    private StripeStandIn stripe;
    private TestServer server;
    private AppDriver app;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            stripePort = free.getLocalPort(); // closed again: Stripe is down until the stand-in starts there
        }
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money().withPayments(List.of("stripe"),
                Optional.of(new MoneyConfig.Stripe(URI.create("http://127.0.0.1:" + stripePort),
                        StripeStandIn.SECRET_KEY, StripeStandIn.WEBHOOK_SECRET)))), clock);
        NormalDanceApp.browserForTests = opened::add;
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
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void aTopUpQueuedWhileStripeIsDownIsFollowedUntilItGoesThrough() throws Exception {
        app.launch("en", "onboarding");
        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write("queued-" + UUID.randomUUID()
                + "@example.com");
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
        app.click("#submit");
        app.await("the shell", () -> app.find("#shell").tryQuery().isPresent());
        app.click("#nav-wallet");
        Label balance = app.node("#balance");
        Label message = app.node("#wallet-message");
        Node progress = app.node("#topup-progress");
        app.await("the balance", () -> balance.getText().equals("$0.00"), balance::getText);

        app.click("#add-money"); // $20 (the default), paid by card on Stripe's page, which cannot be reached

        app.await("the queued sentence", () -> message.getText().equals(QUEUED) && progress.isVisible(),
                message::getText);
        assertThat(balance.getText()).isEqualTo("$0.00");
        assertThat(opened).isEmpty();
        assertThat(message.getStyleClass()).as("a queued top-up is not shown as a success")
                .doesNotContain(Styles.SUCCESS);
        app.shoot("wallet-topup-queued-en");

        stripe = StripeStandIn.start(stripePort); // Stripe is back
        assertThat(server.server().money().topups().retryQueued()).as("not before the first backoff").isZero();
        assertThat(stripe.created()).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        server.server().money().topups().retryQueued();

        assertThat(stripe.created()).hasSize(1);
        String topupId = stripe.created().getFirst().get("client_reference_id");
        app.await("Stripe's page", () -> opened.size() == 1 && message.getText().equals("Stripe's payment page is "
                + "open in your browser: pay there, and your balance follows here."), message::getText);
        assertThat(balance.getText()).isEqualTo("$0.00");

        assertThat(stripe.pay(server.url("/api/v1/payments/stripe/webhook"), topupId)).isEqualTo(200);

        app.await("the money", () -> balance.getText().equals("$20.00")
                && message.getText().equals("Added $20.00. Your balance is $20.00.") && !progress.isVisible(),
                () -> balance.getText() + " / " + message.getText());
        assertThat(opened).as("the page opens once").hasSize(1);
        assertThat(message.getStyleClass()).contains(Styles.SUCCESS);
        app.shoot("wallet-topup-queued-done-en");
    }
}
