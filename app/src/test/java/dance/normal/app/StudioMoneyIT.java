package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.SessionOpener;
import dance.normal.app.session.SignedInSession;
import dance.normal.app.studio.earnings.EarningsController;
import dance.normal.app.studio.offering.OfferingController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Studio's money against a real server on loopback (SQLite, ledger mode), through the app's real session (its
 * wallet registered as the artist's device) and the real JavaFX toolkit: the artist types an offering into the form
 * and sees the server's preview, opens it; a listener buys through the API at exactly the previewed price; the
 * earnings screen shows the sale on today's bar and the holder; the artist withdraws it to their wallet, signed by
 * the app's wallet and checked by the server. Screens are saved under target/screenshots.
 */
class StudioMoneyIT {

    private static final String PASSWORD = "correct horse battery";
    @TempDir
    Path dataDir;
    private TestServer server;
    private SignedInSession session;
    private Background background;
    private final FxRobot robot = new FxRobot();
    private String artistToken;
    private String trackId;

    @BeforeEach
    void start() throws Exception {
        Fx.start();
        server = TestServer.start();
        String email = "artist-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signup = server.postJson("/api/v1/auth/signup", null, Map.of("email", email,
                "password", PASSWORD, "role", "artist", "name", "Harbour Lights"));
        assertThat(signup.statusCode()).isEqualTo(201);
        artistToken = TestServer.json(signup).get("accessToken").asText();
        trackId = TrackUploads.upload(server, artistToken, Fixtures.audio("mp3", 6, "Midnight Harbour"),
                TrackUploads.fields("title", "Midnight Harbour", "release", "Harbour")).get("id").asText();
        session = new SessionOpener(URI.create(server.url("/")), dataDir).signIn(email, PASSWORD.toCharArray());
        background = new Background();
    }

    @AfterEach
    void stop() {
        if (background != null) {
            background.close();
        }
        if (session != null) {
            session.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOfferingOpenedFromTheFormSellsAndTheEarningsShowTheSaleThenItIsWithdrawn() throws Exception {
        OfferingController offering = new OfferingController(session.studioMoney(), background, Fx.ENGLISH);
        offering.open(trackId);
        show(offering);
        type("offering-supply", "100");
        type("offering-price", "2.50");
        type("offering-share", "20");
        type("offering-cap", "10");
        type("offering-tokens", "4");
        Fx.await("the server's preview of 4 tokens", () -> text(offering, "offering-fan-pays").contains(" 4 tokens")
                && !lookup(offering, "offering-open", Node.class).isDisabled());
        JsonNode preview = TestServer.json(server.postJson("/api/v1/studio/offerings/preview", artistToken,
                Map.of("supply", 100, "priceMicros", 2_500_000, "holderShareBp", 2_000, "capPerBuyer", 10,
                        "tokens", 4)));
        String fanPays = dollars(preview.get("fanPaysMicros").asLong());
        assertThat(text(offering, "offering-fan-pays")).startsWith("A fan pays " + fanPays + " for 4 tokens");
        assertThat(lookup(offering, "offering-plays", TableView.class).getItems()).hasSize(3);
        shoot("studio-offering-live");

        robot.clickOn(lookup(offering, "offering-open", Node.class));
        Fx.await("the offering opened", () -> !text(offering, "offering-opened").isEmpty());
        JsonNode opened = TestServer.json(server.get("/api/v1/offerings/" + trackId, null));
        assertThat(opened.get("supply").asLong()).isEqualTo(100);
        assertThat(opened.get("priceMicros").asLong()).isEqualTo(2_500_000);
        assertThat(opened.get("holderShareBp").asInt()).isEqualTo(2_000);
        assertThat(opened.get("capPerBuyer").asLong()).isEqualTo(10);
        offering.onDeactivate();

        // A listener buys through the API, at the price the form showed.
        Buyer fan = Buyer.signUp(server);
        fan.fund(50_000_000);
        HttpResponse<String> bought = fan.buy(trackId, 4);
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        JsonNode receipt = TestServer.json(bought).get("receipt");
        assertThat(receipt.get("totalMicros").asLong()).isEqualTo(preview.get("fanPaysMicros").asLong());
        long artistGot = receipt.get("artistMicros").asLong();
        assertThat(artistGot).isEqualTo(preview.get("artistFromSaleMicros").asLong());

        EarningsController earnings = new EarningsController(session.studioMoney(), background, Fx.ENGLISH);
        show(earnings);
        Fx.await("the sale and its holder", () -> lookup(earnings, "earnings-holders", TableView.class)
                .getItems().size() == 1 && !salesToday(earnings).isEmpty());
        assertThat(salesToday(earnings)).isEqualTo(Long.toString(artistGot));
        assertThat(text(earnings, "earnings-available")).isEqualTo(dollars(artistGot));
        assertThat(text(earnings, "earnings-holders-summary")).startsWith("4 of 100 tokens sold");
        byte[] csv = session.studioMoney().statementCsv();
        assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("seq,at,account,kind,memo,amount_usd")
                .contains(",artist,sale,\"Sold 4 tokens");
        shoot("studio-earnings-live");

        // Withdraw it: the wallet's words first, and only the confirm signs and sends, from the artist's account
        // where sales go (from: "artist"); the server checks the signature over the same words.
        long whole = artistGot - artistGot % 10_000;
        robot.clickOn(lookup(earnings, "earnings-withdraw", Node.class));
        Fx.await("the wallet's words", () -> lookup(earnings, "earnings-withdraw-preview", Node.class).isVisible());
        assertThat(lookup(earnings, "earnings-withdraw-words", TextArea.class).getText())
                .contains("Pay " + dollars(whole) + " of my earnings to this wallet");
        shoot("studio-withdraw-live");
        robot.clickOn(lookup(earnings, "earnings-withdraw-confirm", Node.class));
        Fx.await("paid to the wallet", () -> text(earnings, "earnings-message").endsWith("paid to your wallet.")
                && text(earnings, "earnings-withdrawn").equals(dollars(whole))
                && text(earnings, "earnings-available").equals(dollars(artistGot - whole)));
        assertThat(text(earnings, "earnings-error")).isEmpty();
        JsonNode after = TestServer.json(server.get("/api/v1/studio/earnings?days=1", artistToken));
        assertThat(after.get("availableMicros").asLong()).isEqualTo(artistGot - whole);
        assertThat(after.get("withdrawnMicros").asLong()).isEqualTo(whole);
        shoot("studio-withdrawn-live");
        earnings.onDeactivate();
    }

    /** What today's (UTC) bar of sales says, in micro-dollars; empty until it is drawn. */
    @SuppressWarnings("unchecked")
    private static String salesToday(Screen screen) {
        StackedBarChart<String, Number> chart = lookup(screen, "earnings-by-day", StackedBarChart.class);
        if (chart.getData().size() < 2 || chart.getData().get(1).getData().isEmpty()) {
            return "";
        }
        XYChart.Data<String, Number> today = chart.getData().get(1).getData().getLast();
        assertThat(today.getXValue()).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("d MMM",
                java.util.Locale.ENGLISH).format(LocalDate.now(ZoneOffset.UTC)));
        return today.getYValue().longValue() == 0 ? "" : Long.toString(today.getYValue().longValue());
    }

    private void type(String id, String text) {
        Stage stage = stage();
        TextField field = (TextField) stage.getScene().lookup("#" + id);
        Fx.run(field::clear);
        robot.clickOn(field).write(text);
    }

    private static Stage stage() {
        try {
            return FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void show(Screen screen) {
        Stage stage = stage();
        Fx.run(() -> {
            stage.setScene(new Scene(new BorderPane(screen.view()), 1280, 1000));
            stage.show();
            screen.onActivate();
        });
    }

    private static <T> T lookup(Screen screen, String id, Class<T> type) {
        return type.cast(screen.view().lookup("#" + id));
    }

    /** A label's text; read after (or within) an await, which runs on the FX thread. */
    private static String text(Screen screen, String id) {
        return lookup(screen, id, Label.class).getText();
    }

    private static String dollars(long micros) {
        return dance.normal.protocol.Money.ofMicros(micros).format();
    }

    private static void shoot(String name) throws Exception {
        Screenshots.saveInBothThemes(FxToolkit.registerPrimaryStage().getScene(), name);
    }
}
