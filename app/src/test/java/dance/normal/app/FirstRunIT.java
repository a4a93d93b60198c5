package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first run, on the real JavaFX toolkit (headless Monocle) against a real server on loopback: a listener signs
 * up (the wallet is made and registered behind the scenes), the catalog mirror fills, and search answers as they
 * type. Screens are saved under target/screenshots in both themes.
 */
class FirstRunIT {

    private static TestServer server;
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        String artist = server.signup("artist").get("accessToken").asText();
        String midnight = TrackUploads.upload(server, artist, Fixtures.audio("mp3", 6, "Midnight Harbour"),
                TrackUploads.fields("title", "Midnight Harbour", "release", "Lights Out")).get("id").asText();
        assertThat(server.postJson("/api/v1/offerings", artist, Map.of("trackId", midnight, "supply", 100,
                "priceMicros", 250_000, "holderShareBp", 2_000)).statusCode()).isEqualTo(201);
        TrackUploads.upload(server, artist, Fixtures.audio("ogg", 2, "Morning Tide"),
                TrackUploads.fields("title", "Morning Tide", "release", "Lights Out"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeApp() throws Exception {
        FxToolkit.cleanupStages();
        System.clearProperty("nd.lang");
    }

    private Stage launch(String lang) throws Exception {
        System.setProperty("nd.lang", lang);
        System.setProperty("nd.theme", "light");
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(NormalDanceApp.class, "--server", server.url("/"), "--data-dir",
                dataDir.toString());
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }

    @Test
    void aNewListenerSignsUpSearchesAsTheyTypeAndPlays() throws Exception {
        Stage stage = launch("en");
        shoot(stage.getScene(), "onboarding");

        robot.clickOn("#email").write("fan-" + UUID.randomUUID() + "@example.com");
        robot.clickOn("#password").write("correct horse battery");
        robot.clickOn("#submit");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#shell").tryQuery().isPresent());

        assertThat(robot.lookup("#signed-in").queryAs(Label.class).getText()).startsWith("Signed in as fan-");
        robot.clickOn("#search").write("midn");
        ListView<Track> results = robot.lookup("#results").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !results.getItems().isEmpty());
        assertThat(results.getItems()).extracting(Track::title).containsExactly("Midnight Harbour");
        assertThat(robot.lookup("#search-status").queryAs(Label.class).getText()).isEqualTo("1 track");
        robot.doubleClickOn("Midnight Harbour");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#now-title").queryAs(Label.class)
                .getText().equals("Midnight Harbour"));
        Label position = robot.lookup("#now-position").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> position.getText().equals("0:02"));
        shoot(stage.getScene(), "search");

        TextField field = robot.lookup("#search").queryAs(TextField.class);
        robot.interact(() -> field.setText(""));
        robot.clickOn("#search").write("zzzz");
        Label status = robot.lookup("#search-status").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> results.getItems().isEmpty()
                    && status.getText().equals("No tracks match \u201czzzz\u201d."));
        } catch (TimeoutException e) {
            throw new AssertionError("query \"" + field.getText() + "\", status \"" + status.getText() + "\", "
                    + results.getItems().size() + " results", e);
        }
        assertThat(Files.list(dataDir.resolve("users")).findFirst()).hasValueSatisfying(user ->
                assertThat(user.resolve("wallet.json")).exists());
    }

    @Test
    void aListenerAddsMoneyWithTheTestCardAndBuysAShareOfATrack() throws Exception {
        Stage stage = launch("en");
        robot.clickOn("#email").write("owner-" + UUID.randomUUID() + "@example.com");
        robot.clickOn("#password").write("correct horse battery");
        robot.clickOn("#submit");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#shell").tryQuery().isPresent());

        robot.clickOn("#nav-wallet");
        Label balance = robot.lookup("#balance").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$0.00"));
        robot.clickOn("#card").write("4242 4242 4242 4242");
        robot.clickOn("#add-money");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$20.00"));
        assertThat(robot.lookup("#wallet-message").queryAs(Label.class).getText())
                .isEqualTo("Added $20.00. Your balance is $20.00.");
        shoot(stage.getScene(), "wallet-topped-up");

        robot.clickOn("#nav-search");
        robot.clickOn("#search").write("midnight");
        robot.lookup("#results").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("Midnight Harbour").tryQuery()
                .isPresent());
        robot.clickOn("Midnight Harbour");
        Label offering = robot.lookup("#offering").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> offering.getText().startsWith("0 of 100 tokens sold"));
        robot.doubleClickOn("#quantity .text-field").write("4").type(KeyCode.ENTER);
        robot.clickOn("#quote");
        Label price = robot.lookup("#price").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !price.getText().isEmpty());
        assertThat(price.getText()).startsWith("You pay $1.00 ($0.90 to the artist, $0.10 platform fee). You get 4 "
                + "tokens: 0.72% of this track's play revenue.");
        assertThat(robot.lookup("#preview").queryTextInputControl().getText())
                .startsWith("Normal Dance purchase\nBuy 4 tokens of \"Midnight Harbour\"");
        shoot(stage.getScene(), "buy-confirm");

        robot.clickOn("#confirm");
        Label receipt = robot.lookup("#receipt").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !receipt.getText().isEmpty());
        assertThat(receipt.getText()).isEqualTo("Done. You hold 4 tokens of this track; your balance is $19.00.");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> offering.getText().startsWith("4 of 100 tokens sold"));
        shoot(stage.getScene(), "buy-receipt");

        robot.clickOn("#nav-wallet");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$19.00"));
        ListView<String> holdings = robot.lookup("#holdings").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !holdings.getItems().isEmpty());
        assertThat(holdings.getItems().getFirst()).startsWith("Midnight Harbour").contains(": 4 tokens");
        shoot(stage.getScene(), "wallet-holdings");
    }

    @Test
    void aWrongPasswordIsOneSentenceInRussianAndNothingElseHappens() throws Exception {
        Stage stage = launch("ru");
        String email = server.signup("listener").get("me").get("email").asText();

        robot.clickOn(".hyperlink");
        robot.clickOn("#email").write(email);
        robot.clickOn("#password").write("not the password");
        robot.clickOn("#submit");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#error").queryAs(Label.class)
                .getText().isEmpty());

        assertThat(robot.lookup("#error").queryAs(Label.class).getText())
                .isEqualTo("Почта и пароль не подходят ни к одному аккаунту.");
        assertThat(robot.lookup("#submit").queryButton().getText()).isEqualTo("Войти");
        assertThat(robot.lookup("#shell").tryQuery()).isEmpty();
        assertThat(dataDir.resolve("users")).doesNotExist();
        shoot(stage.getScene(), "onboarding-error-ru");
    }

    /** Saves the scene in the light theme and in the dark one. */
    private static void shoot(Scene scene, String name) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            WaitForAsyncUtils.asyncFx(() -> {
                Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name + (dark ? "-dark" : "-light"))).get();
        }
        Platform.runLater(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }
}
