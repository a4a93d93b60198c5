package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.app.ui.TrackRow;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Money in the app against a real server on loopback, on the real JavaFX toolkit (headless Monocle) and libVLC: what
 * a play earns a holder is a fraction of a cent, and the Wallet shows it exactly; purchases within the spending limits
 * set in Settings go through at once, above them the password is asked and a wrong one buys nothing. Screens are
 * saved under target/screenshots.
 */
class SpendingIT {

    @TempDir
    Path dataDir;

    private TestServer server;
    private AppDriver app;
    private String trackId;

    @BeforeEach
    void start() {
        server = TestServer.start();
        String artist = server.signup("artist").get("accessToken").asText();
        trackId = TrackUploads.upload(server, artist, Fixtures.audio("mp3", 6, "Small Change"),
                TrackUploads.fields("title", "Small Change", "release", "Coins")).get("id").asText();
        // Ten tokens of a quarter each; holders share half of the artist's 90%.
        assertThat(server.postJson("/api/v1/offerings", artist, Map.of("trackId", trackId, "supply", 10,
                "priceMicros", 250_000, "holderShareBp", 5_000)).statusCode()).isEqualTo(201);
        System.setProperty("nd.syncSeconds", "1");
        app = new AppDriver(server.url("/"), dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
        System.clearProperty("nd.syncSeconds");
    }

    @Test
    void whatAPlayEarnsUnderACentShowsExactlyInTheWallet() throws Exception {
        signUpAndAddTwentyDollars();
        ListView<TrackRow> results = search("small change");
        buy(results, 10);
        assertThat(app.<Label>node("#receipt").getText())
                .isEqualTo("Done. You hold 10 tokens of this track; your balance is $17.50.");

        // Listen to it: the play counts, goes to the server, and a settlement pays the holder.
        app.robot.doubleClickOn(app.robot.from(results).lookup("Small Change").queryLabeled());
        long plays = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (plays == 0 && System.nanoTime() < deadline) {
            plays = settle().get("plays").asLong();
            if (plays == 0) {
                Thread.sleep(200); // polling the server for the play to arrive, not proving that nothing happened
            }
        }
        assertThat(plays).as("the play reached the server and was settled").isPositive();

        // Each play earns $0.004: 10% platform, half of the artist's $0.0036 to holders, all ten tokens ours.
        String earned = dance.normal.protocol.Money.ofMicros(plays * 1_800).format();
        assertThat(earned).isIn("$0.0018", "$0.0036");
        app.click("#nav-wallet");
        Label earnings = app.node("#earnings");
        app.await("the earnings", () -> earnings.getText().equals("Earnings from your tokens: " + earned),
                earnings::getText);
        ListView<String> history = app.node("#history");
        app.await("the settlement in the history", () -> history.getItems().stream()
                .anyMatch(l -> l.contains("   +" + earned + "   ")), () -> String.join("\n", history.getItems()));
        ListView<String> holdings = app.node("#holdings");
        app.await("the holding's earnings", () -> !holdings.getItems().isEmpty()
                && holdings.getItems().getFirst().endsWith(earned), () -> String.join("\n", holdings.getItems()));
        app.shoot("wallet-sub-cent-en");
    }

    @Test
    void aPurchaseAboveTheLimitSetInSettingsAsksForThePasswordAndAWrongOneBuysNothing() throws Exception {
        signUpAndAddTwentyDollars();

        // Lower the limits in Settings: $1 a purchase, $2 a day. Raising them would need the password.
        app.click("#nav-settings");
        reveal("#spending-limits");
        TextField perPurchase = app.node("#limit-per-purchase");
        TextField perDay = app.node("#limit-per-day");
        app.await("the limits as they are", () -> perPurchase.getText().equals("20.00")
                && perDay.getText().equals("50.00"), perPurchase::getText);
        app.robot.interact(() -> {
            perPurchase.setText("100");
            perDay.setText("100");
        });
        app.click("#save-limits");
        Label limitsError = app.node("#limits-error");
        app.await("raising refused", () -> limitsError.getText().equals("Raising a limit needs your password."),
                limitsError::getText);
        app.robot.interact(() -> {
            perPurchase.setText("1");
            perDay.setText("2");
        });
        app.click("#save-limits");
        Label saved = app.node("#limits-message");
        app.await("the limits saved", () -> saved.getText().equals("Saved: up to $1.00 a purchase and $2.00 a day "
                + "without your password."), () -> saved.getText() + limitsError.getText());
        app.shoot("settings-limits-en");

        // Under the limit: bought at once, nothing asked.
        ListView<TrackRow> results = search("small change");
        buy(results, 2);
        assertThat(app.<Label>node("#receipt").getText())
                .isEqualTo("Done. You hold 2 tokens of this track; your balance is $19.50.");
        assertThat(app.robot.lookup("#password-prompt").tryQuery()).isEmpty();

        // Above it ($1.50): the password is asked; a wrong one buys nothing and says so.
        Label offering = app.node("#offering");
        app.await("the offering after the first purchase", () -> offering.getText().startsWith("2 of 10 tokens sold"),
                offering::getText);
        app.robot.doubleClickOn(app.find("#quantity .text-field").queryAs(Node.class)).write("6").type(KeyCode.ENTER);
        app.click("#quote");
        app.await("the price of six", () -> app.<Label>node("#price").getText().startsWith("You pay $1.50 "));
        app.click("#confirm");
        app.await("the password prompt", () -> app.robot.lookup("#prompt-password").tryQuery().isPresent());
        assertThat(app.robot.lookup("#prompt-reason").queryAs(Label.class).getText())
                .isEqualTo("Paying $1.50 goes past your spending limit. Enter your password to buy.");
        Screenshots.DIR.toFile().mkdirs();
        app.robot.interact(() -> Screenshots.save(app.robot.lookup("#password-prompt").queryAs(Node.class)
                .getScene(), "purchase-password-en"));
        app.robot.clickOn(app.robot.lookup("#prompt-password").queryAs(Node.class)).write("not my password");
        app.robot.clickOn(app.robot.lookup("#prompt-confirm").queryAs(Node.class));
        Label error = app.node("#buy-error");
        app.await("the wrong-password sentence", () -> error.getText().equals("That password is not right. Nothing "
                + "was bought."), error::getText);
        app.shoot("purchase-wrong-password-en");
        app.await("the offering unchanged", () -> offering.getText().startsWith("2 of 10 tokens sold"),
                offering::getText);
        assertThat(app.<Label>node("#receipt").getText()).isEmpty();

        // The right password: bought (after the wallet's short wait that follows a wrong password).
        Label receipt = app.node("#receipt");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (receipt.getText().isEmpty()) {
            assertThat(System.nanoTime()).as("bought in time; the app said: %s", error.getText())
                    .isLessThan(deadline);
            app.click("#confirm");
            app.await("the password prompt again", () -> app.robot.lookup("#prompt-password").tryQuery()
                    .isPresent());
            app.robot.clickOn(app.robot.lookup("#prompt-password").queryAs(Node.class))
                    .write("correct horse battery");
            app.robot.clickOn(app.robot.lookup("#prompt-confirm").queryAs(Node.class));
            app.await("an answer", () -> !receipt.getText().isEmpty() || error.getText().startsWith("Too many"),
                    error::getText);
        }
        assertThat(receipt.getText()).isEqualTo("Done. You hold 8 tokens of this track; your balance is $18.00.");
        app.click("#nav-wallet");
        Label balance = app.node("#balance");
        app.await("the balance", () -> balance.getText().equals("$18.00"), balance::getText);
        app.shoot("wallet-after-limits-en");
    }

    /** Scrolls Settings so that {@code query} is at the top of its view (or as far as it goes). */
    private void reveal(String query) {
        app.robot.interact(() -> {
            Node section = app.node(query);
            ScrollPane scroll = (ScrollPane) app.find(".scroll-pane").queryAll().stream()
                    .filter(n -> n instanceof ScrollPane s && s.getContent() == section.getParent()).findFirst()
                    .orElseThrow();
            double room = scroll.getContent().getBoundsInLocal().getHeight()
                    - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(room <= 0 ? 0 : Math.min(1, section.getBoundsInParent().getMinY() / room));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void signUpAndAddTwentyDollars() throws Exception {
        app.launch("en", "onboarding");
        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write("spender-" + UUID.randomUUID()
                + "@example.com");
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
        app.click("#submit");
        app.await("the shell", () -> app.find("#shell").tryQuery().isPresent());
        app.click("#nav-wallet");
        Label balance = app.node("#balance");
        app.await("the balance", () -> balance.getText().equals("$0.00"), balance::getText);
        app.click("#card");
        app.robot.write("4242 4242 4242 4242");
        app.click("#add-money");
        app.await("the top-up", () -> balance.getText().equals("$20.00"), balance::getText);
    }

    private ListView<TrackRow> search(String text) throws Exception {
        app.click("#nav-search");
        app.click("#search");
        app.robot.write(text);
        ListView<TrackRow> results = app.node("#results");
        app.await("the track", () -> results.getItems().size() == 1);
        return results;
    }

    /** Chooses the track, asks for a quote for {@code quantity} tokens and confirms it. */
    private void buy(ListView<TrackRow> results, int quantity) throws Exception {
        app.robot.clickOn(app.robot.from(results).lookup("Small Change").queryLabeled());
        Label offering = app.node("#offering");
        app.await("the offering", () -> offering.getText().contains("tokens sold"), offering::getText);
        app.robot.doubleClickOn(app.find("#quantity .text-field").queryAs(Node.class)).write(String.valueOf(quantity))
                .type(KeyCode.ENTER);
        app.click("#quote");
        app.await("the price", () -> !app.<Label>node("#price").getText().isEmpty());
        app.click("#confirm");
        Label receipt = app.node("#receipt");
        app.await("the receipt", () -> !receipt.getText().isEmpty(), receipt::getText);
    }

    private JsonNode settle() throws Exception {
        String admin = Files.readString(server.dataDir().resolve(AdminAuth.FILE)).strip();
        HttpResponse<String> r = server.send(server.request("/api/v1/admin/settlements")
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }
}
