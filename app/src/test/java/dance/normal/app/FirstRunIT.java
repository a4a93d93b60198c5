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
import javafx.scene.Node;
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
import org.testfx.service.query.NodeQuery;
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
        if (app != null) {
            FxToolkit.cleanupApplication(app); // stop(): the session, its player and its store close
        }
        FxToolkit.cleanupStages();
        System.clearProperty("nd.lang");
    }

    private Stage stage;
    private Application app;

    /** Looks only in this test's window: earlier windows' nodes may still be around. */
    private NodeQuery find(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    private Stage launch(String lang) throws Exception {
        System.setProperty("nd.lang", lang);
        System.setProperty("nd.theme", "light");
        stage = FxToolkit.registerPrimaryStage();
        Scene before = stage.getScene();
        app = FxToolkit.setupApplication(NormalDanceApp.class, "--server", server.url("/"), "--data-dir",
                dataDir.toString());
        // The new app's start() may still be on its way: wait for its own scene, not the last test's.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> stage.getScene() != before
                && "onboarding".equals(stage.getScene().getRoot().getId()));
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }

    @Test
    void aNewListenerSignsUpSearchesAsTheyTypeAndPlays() throws Exception {
        launch("en");
        shoot(stage.getScene(), "onboarding");

        robot.clickOn(find("#email").queryAs(Node.class)).write("fan-" + UUID.randomUUID() + "@example.com");
        robot.clickOn(find("#password").queryAs(Node.class)).write("correct horse battery");
        robot.clickOn(find("#submit").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> find("#shell").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(find("#signed-in").queryAs(Label.class).getText()).startsWith("Signed in as fan-");
        robot.clickOn(find("#search").queryAs(Node.class)).write("midn");
        ListView<Track> results = find("#results").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !results.getItems().isEmpty());
        assertThat(results.getItems()).extracting(Track::title).containsExactly("Midnight Harbour");
        assertThat(find("#search-status").queryAs(Label.class).getText()).isEqualTo("1 track");
        robot.doubleClickOn(robot.from(results).lookup("Midnight Harbour").queryLabeled());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> find("#now-title").queryAs(Label.class)
                .getText().equals("Midnight Harbour"));
        Label position = find("#now-position").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> position.getText().equals("0:02"));
        shoot(stage.getScene(), "search");
        robot.clickOn(find("#results").queryAs(Node.class)).type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find("#play-pause").queryButton()
                .getAccessibleText().equals("Play"));
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(find("#search").queryAs(TextField.class).isFocused()).isTrue();

        TextField field = find("#search").queryAs(TextField.class);
        robot.interact(() -> field.setText(""));
        robot.clickOn(find("#search").queryAs(Node.class)).write("zzzz");
        Label status = find("#search-status").queryAs(Label.class);
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
        launch("en");
        robot.clickOn(find("#email").queryAs(Node.class)).write("owner-" + UUID.randomUUID() + "@example.com");
        robot.clickOn(find("#password").queryAs(Node.class)).write("correct horse battery");
        robot.clickOn(find("#submit").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> find("#shell").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents(); // the FX thread may still be attaching the shell to the scene

        robot.clickOn(find("#nav-wallet").queryAs(Node.class));
        Label balance = find("#balance").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$0.00"));
        robot.clickOn(find("#card").queryAs(Node.class)).write("4242 4242 4242 4242");
        robot.clickOn(find("#add-money").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$20.00"));
        assertThat(find("#wallet-message").queryAs(Label.class).getText())
                .isEqualTo("Added $20.00. Your balance is $20.00.");
        shoot(stage.getScene(), "wallet-topped-up");

        robot.clickOn(find("#nav-search").queryAs(Node.class));
        robot.clickOn(find("#search").queryAs(Node.class)).write("midnight");
        ListView<Track> results = find("#results").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.from(results).lookup("Midnight Harbour")
                .tryQuery().isPresent());
        robot.clickOn(robot.from(results).lookup("Midnight Harbour").queryLabeled());
        Label offering = find("#offering").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> offering.getText().startsWith("0 of 100 tokens sold"));
        robot.doubleClickOn(find("#quantity .text-field").queryAs(Node.class)).write("4").type(KeyCode.ENTER);
        robot.clickOn(find("#quote").queryAs(Node.class));
        Label price = find("#price").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !price.getText().isEmpty());
        assertThat(price.getText()).startsWith("You pay $1.00 ($0.90 to the artist, $0.10 platform fee). You get 4 "
                + "tokens: 0.72% of this track's play revenue.");
        assertThat(find("#preview").queryTextInputControl().getText())
                .startsWith("Normal Dance purchase\nBuy 4 tokens of \"Midnight Harbour\"");
        shoot(stage.getScene(), "buy-confirm");

        robot.clickOn(find("#confirm").queryAs(Node.class));
        Label receipt = find("#receipt").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !receipt.getText().isEmpty());
        assertThat(receipt.getText()).isEqualTo("Done. You hold 4 tokens of this track; your balance is $19.00.");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> offering.getText().startsWith("4 of 100 tokens sold"));
        shoot(stage.getScene(), "buy-receipt");

        robot.clickOn(find("#nav-wallet").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$19.00"));
        ListView<String> holdings = find("#holdings").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !holdings.getItems().isEmpty());
        assertThat(holdings.getItems().getFirst()).startsWith("Midnight Harbour").contains(": 4 tokens");
        shoot(stage.getScene(), "wallet-holdings");
    }

    @Test
    void aWrongPasswordIsOneSentenceInRussianAndNothingElseHappens() throws Exception {
        launch("ru");
        String email = server.signup("listener").get("me").get("email").asText();

        robot.clickOn(find(".hyperlink").queryAs(Node.class));
        robot.clickOn(find("#email").queryAs(Node.class)).write(email);
        robot.clickOn(find("#password").queryAs(Node.class)).write("not the password");
        robot.clickOn(find("#submit").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !find("#error").queryAs(Label.class)
                .getText().isEmpty());

        assertThat(find("#error").queryAs(Label.class).getText())
                .isEqualTo("Почта и пароль не подходят ни к одному аккаунту.");
        assertThat(find("#submit").queryButton().getText()).isEqualTo("Войти");
        assertThat(find("#shell").tryQuery()).isEmpty();
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
