package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.ui.TrackRow;
import dance.normal.player.queue.QueueItem;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The listener's whole journey against a real server on loopback, on the real JavaFX toolkit and libVLC: sign up,
 * search, play (the position advances), download, lose the server (the downloaded track still plays, the others are
 * greyed with the reason), get it back, add money with the test card, buy tokens (holdings and balance follow),
 * restart the app (session, queue, position and downloads are still there), then switch to Russian without a
 * restart. Every screen is saved in both themes and both languages under target/screenshots.
 */
class ListenerJourneyIT {

    @TempDir
    Path dataDir;

    private TestServer server;
    private AppDriver app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
        System.clearProperty("nd.syncSeconds");
    }

    @Test
    void signUpPlayDownloadGoOfflineComeBackBuyAndRestart() throws Exception {
        server = TestServer.start();
        String artist = server.signup("artist").get("accessToken").asText();
        String harbour = TrackUploads.upload(server, artist, Fixtures.audio("mp3", 180, "Midnight Harbour"),
                TrackUploads.fields("title", "Midnight Harbour", "release", "Lights Out")).get("id").asText();
        assertThat(server.postJson("/api/v1/offerings", artist, Map.of("trackId", harbour, "supply", 100,
                "priceMicros", 250_000, "holderShareBp", 2_000)).statusCode()).isEqualTo(201);
        TrackUploads.upload(server, artist, Fixtures.audio("ogg", 20, "Morning Tide"),
                TrackUploads.fields("title", "Morning Tide", "release", "Lights Out"));
        int port = server.server().port();
        System.setProperty("nd.syncSeconds", "1");
        app = new AppDriver(server.url("/"), dataDir);
        FxThreadIo fxIo = new FxThreadIo();

        // Sign up, search, play: the position advances.
        app.launch("en", "onboarding");
        app.robot.clickOn(app.find("#email").queryAs(javafx.scene.Node.class))
                .write("journey-" + UUID.randomUUID() + "@example.com");
        app.robot.clickOn(app.find("#password").queryAs(javafx.scene.Node.class)).write("correct horse battery");
        app.click("#submit");
        app.await("the shell", () -> app.find("#shell").tryQuery().isPresent());
        app.click("#nav-search");
        app.click("#search");
        app.robot.write("lights out");
        ListView<TrackRow> results = app.node("#results");
        app.await("both tracks", () -> results.getItems().size() == 2);
        app.robot.doubleClickOn(app.robot.from(results).lookup("Midnight Harbour").queryLabeled());
        Label position = app.node("#now-position");
        app.await("the position to advance", () -> position.getText().equals("0:02"), position::getText);
        assertThat(app.<Label>node("#now-title").getText()).isEqualTo("Midnight Harbour");

        // Download it.
        app.robot.clickOn(app.robot.from(results).lookup("Midnight Harbour").queryLabeled());
        app.click("#track-download");
        Label downloadState = app.node("#download-state");
        app.await("the download", () -> downloadState.getText().equals("Kept on this device"),
                downloadState::getText);
        app.await("the row's check", () -> row(results, "Midnight Harbour").downloaded());
        app.shoot("search-en");

        app.click("#nav-wallet");
        app.await("the empty wallet", () -> app.<Label>node("#balance").getText().equals("$0.00"));
        app.click("#nav-search");

        // The server goes away: a banner; the downloaded track plays, the other is greyed with the reason.
        server.server().close();
        app.await("the offline banner", () -> app.node("#offline-banner").isVisible());
        app.await("the greyed row", () -> !row(results, "Morning Tide").playable());
        assertThat(row(results, "Morning Tide").reason())
                .isEqualTo("Not downloaded, and the server cannot be reached.");
        assertThat(row(results, "Midnight Harbour").playable()).isTrue();
        app.robot.doubleClickOn(app.robot.from(results).lookup("Morning Tide").queryLabeled());
        app.await("the reason in the status line", () -> app.<Label>node("#search-status").getText()
                .equals("Not downloaded, and the server cannot be reached."));
        app.robot.doubleClickOn(app.robot.from(results).lookup("Midnight Harbour").queryLabeled());
        app.await("offline play to start over", () -> position.getText().equals("0:01"), position::getText);
        app.await("offline play to go on", () -> position.getText().equals("0:03"), position::getText);
        assertThat(app.<Label>node("#now-title").getText()).isEqualTo("Midnight Harbour");
        app.shoot("offline-en");

        // A restart while offline: still signed in, the banner up, the downloaded track plays.
        app.stop();
        app.launch("en", "shell");
        app.await("the offline banner after a restart", () -> app.node("#offline-banner").isVisible());
        app.click("#play-pause");
        Label positionAfter = app.node("#now-position");
        app.await("offline play after a restart", () -> app.<Button>node("#play-pause").getAccessibleText()
                .equals("Pause") && !positionAfter.getText().equals("0:00"), positionAfter::getText);
        app.click("#nav-wallet");
        app.await("the wallet as last seen", () -> app.<Label>node("#balance").getText().equals("$0.00")
                && app.<Label>node("#wallet-as-of").getText()
                .startsWith("You are offline. This is your wallet as of "));
        app.shoot("wallet-offline-en");
        app.click("#nav-search");
        ListView<TrackRow> rows = app.node("#results");
        app.click("#search");
        app.robot.write("lights out");
        app.await("offline search", () -> rows.getItems().size() == 2);

        // The server comes back (same address, same data): the banner goes.
        server = TestServer.restart(server.dataDir(), c -> c.withPort(port));
        app.click("#retry");
        app.await("the banner to go", () -> !app.node("#offline-banner").isVisible());
        app.await("the row to play again", () -> row(rows, "Morning Tide").playable());

        // Add money with the test card, buy tokens: holdings and balance follow.
        app.click("#nav-wallet");
        Label balance = app.node("#balance");
        app.await("the balance", () -> balance.getText().equals("$0.00"), balance::getText);
        app.click("#card");
        app.robot.write("4242 4242 4242 4242");
        app.click("#add-money");
        app.await("the top-up", () -> balance.getText().equals("$20.00"), balance::getText);
        app.click("#nav-search");
        app.robot.clickOn(app.robot.from(rows).lookup("Midnight Harbour").queryLabeled());
        Label offering = app.node("#offering");
        app.await("the offering", () -> offering.getText().startsWith("0 of 100 tokens sold"), offering::getText);
        app.robot.doubleClickOn(app.find("#quantity .text-field").queryAs(javafx.scene.Node.class)).write("2")
                .type(KeyCode.ENTER);
        app.click("#quote");
        app.await("the price", () -> !app.<Label>node("#price").getText().isEmpty());
        app.click("#confirm");
        Label receipt = app.node("#receipt");
        app.await("the receipt", () -> !receipt.getText().isEmpty());
        assertThat(receipt.getText()).isEqualTo("Done. You hold 2 tokens of this track; your balance is $19.50.");
        Label holding = app.node("#holding");
        app.await("the holding", () -> holding.getText().startsWith("You hold 2 tokens: 0.40% "), holding::getText);
        app.shoot("track-en");
        app.click("#nav-wallet");
        app.await("the new balance", () -> balance.getText().equals("$19.50"), balance::getText);
        ListView<String> holdings = app.node("#holdings");
        app.await("the holdings", () -> !holdings.getItems().isEmpty());
        assertThat(holdings.getItems().getFirst()).startsWith("Midnight Harbour").contains(": 2 tokens");
        app.shoot("wallet-en");
        app.click("#nav-queue");
        app.shoot("queue-en");
        app.click("#nav-downloads");
        app.shoot("downloads-en");
        app.click("#nav-settings");
        app.shoot("settings-en");

        // Two settings one after the other: both are kept (each change starts from the one before).
        ComboBox<String> theme = app.node("#theme");
        app.robot.interact(() -> theme.setValue("dark"));
        ComboBox<Long> budget = app.node("#budget");
        app.robot.interact(() -> budget.setValue(8L));
        Path settings = dataDir.resolve("settings.properties");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(settings)
                && Files.readString(settings).contains("theme=dark")
                && Files.readString(settings).contains("budgetBytes=" + 8L * 1024 * 1024 * 1024));
        app.robot.interact(() -> theme.setValue("light"));

        // The recovery phrase, behind the password; leaving Settings hides it; a wrong password shows nothing.
        app.click("#backup-password");
        app.robot.write("correct horse battery");
        app.click("#show-phrase");
        javafx.scene.layout.FlowPane phrase = app.node("#phrase");
        app.await("the recovery phrase", () -> !phrase.getChildren().isEmpty());
        assertThat(phrase.getChildren().size()).isIn(12, 24);
        assertThat(((Label) phrase.getChildren().getFirst()).getText()).matches("1\\. [a-z]+");
        app.click("#nav-home");
        app.click("#nav-settings");
        assertThat(phrase.getChildren()).as("hidden after leaving Settings").isEmpty();
        app.click("#backup-password");
        app.robot.write("not my password");
        app.click("#show-phrase");
        Label phraseError = app.node("#phrase-error");
        app.await("the wrong-password sentence", () -> !phraseError.getText().isEmpty());
        assertThat(phraseError.getText()).isEqualTo("That password is not right.");
        assertThat(phrase.getChildren()).isEmpty();

        // Library: like the track, make a playlist, add the track to it.
        app.click("#nav-library");
        app.click("#new-playlist");
        app.robot.write("Road trip").type(KeyCode.ENTER);
        ListView<?> collections = app.node("#collections");
        app.await("the new playlist", () -> collections.getItems().size() == 3); // liked, downloaded, Road trip
        app.click("#nav-search");
        app.robot.clickOn(app.robot.from(rows).lookup("Midnight Harbour").queryLabeled());
        app.click("#like");
        app.click("#add-to-playlist");
        app.await("the playlists menu", () -> app.robot.lookup("Road trip").tryQuery().isPresent());
        app.robot.clickOn(app.robot.lookup("Road trip").queryAs(javafx.scene.Node.class));
        app.await("added", () -> receipt.getText().equals("Added to \u201cRoad trip\u201d."), receipt::getText);
        app.click("#nav-library");
        ListView<TrackRow> collection = app.node("#collection-tracks");
        app.await("the liked track", () -> collection.getItems().size() == 1);
        assertThat(app.<Label>node("#collection-title").getText()).isEqualTo("Liked tracks");
        assertThat(collection.getItems().getFirst().track().title()).isEqualTo("Midnight Harbour");
        // A track chosen in the Library opens its panel there (buy, download, like); Close puts it away.
        app.robot.clickOn(app.robot.from(collection).lookup("Midnight Harbour").queryLabeled());
        app.await("the track's panel beside the Library", () -> app.node("#track-details").isVisible()
                && app.<Label>node("#track-title").getText().equals("Midnight Harbour"));
        app.click("#track-close");
        app.await("the panel cleared", () -> !app.node("#track-details").isVisible()
                && app.node("#track-placeholder").isVisible());
        app.robot.clickOn(app.robot.from(collection).lookup("Midnight Harbour").queryLabeled());
        app.await("the same track again", () -> app.node("#track-details").isVisible());
        app.robot.clickOn(app.robot.from(collections).lookup("Road trip").queryAs(javafx.scene.Node.class));
        app.await("the playlist's track", () -> app.<Label>node("#collection-title").getText().equals("Road trip")
                && collection.getItems().size() == 1);
        app.shoot("library-en");
        app.robot.clickOn(app.robot.from(collections).lookup("Downloaded").queryAs(javafx.scene.Node.class));
        app.await("the downloaded tracks", () -> app.<Label>node("#collection-title").getText().equals("Downloaded")
                && collection.getItems().size() == 1);
        assertThat(collection.getItems().getFirst().track().title()).isEqualTo("Midnight Harbour");
        assertThat(collection.getItems().getFirst().downloaded()).isTrue();

        // Home: the release, recently played; the release page; its artist's page.
        app.click("#nav-home");
        javafx.scene.layout.FlowPane releases = app.node("#new-releases");
        app.await("the new releases", () -> !releases.getChildren().isEmpty());
        ListView<TrackRow> recent = app.node("#recent");
        app.await("recently played", () -> !recent.getItems().isEmpty());
        assertThat(recent.getItems().getFirst().track().title()).isEqualTo("Midnight Harbour");
        app.robot.clickOn(app.robot.from(recent).lookup("Midnight Harbour").queryLabeled());
        app.await("the track's panel beside Home", () -> app.node("#track-details").isVisible()
                && app.<Label>node("#offering").getText().startsWith("2 of 100 tokens sold"));
        app.shoot("home-en");
        app.robot.clickOn(app.robot.from(releases).lookup("Lights Out").queryLabeled());
        app.await("the release page", () -> app.find("#release-title").tryQuery().isPresent());
        assertThat(app.<Label>node("#release-title").getText()).isEqualTo("Lights Out");
        ListView<TrackRow> releaseTracks = app.node("#release-tracks");
        assertThat(releaseTracks.getItems()).extracting(r -> r.track().title())
                .containsExactlyInAnyOrder("Midnight Harbour", "Morning Tide");
        app.shoot("release-en");
        app.click("#release-artist");
        app.await("the artist page", () -> app.find("#artist-name").tryQuery().isPresent());
        ListView<TrackRow> artistTracks = app.node("#artist-tracks");
        assertThat(artistTracks.getItems()).hasSize(2);
        app.shoot("artist-en");
        app.click("#back");
        app.await("back on the release", () -> app.find("#release-title").tryQuery().isPresent());

        // Restart: still signed in, the queue and the track where it was, the download kept.
        long before = Math.max(0, (long) app.<Slider>node("#seek").getValue());
        app.stop();
        app.launch("en", "shell");
        assertThat(app.<Label>node("#signed-in").getText()).startsWith("Signed in as journey-");
        app.await("the restored track", () -> app.<Label>node("#now-title").getText().equals("Midnight Harbour"));
        app.click("#nav-queue");
        ListView<QueueItem> queue = app.node("#queue");
        app.await("the restored queue", () -> !queue.getItems().isEmpty());
        assertThat(queue.getItems()).extracting(QueueItem::title).containsExactly("Midnight Harbour");
        app.click("#nav-downloads");
        ListView<?> downloads = app.node("#downloads");
        app.await("the kept download", () -> downloads.getItems().size() == 1);
        assertThat(app.robot.from(downloads).lookup("Kept on this device").tryQuery()).isPresent();
        app.click("#play-pause");
        Slider seek = app.node("#seek");
        app.await("play to resume", () -> app.<Button>node("#play-pause").getAccessibleText().equals("Pause")
                && seek.getValue() > 0, () -> String.valueOf(seek.getValue()));
        assertThat((long) seek.getValue()).as("resumes where it was (%d ms), not from the start", before)
                .isGreaterThanOrEqualTo(before - 2_000).isGreaterThan(3_000);

        // Add a track to the queue from its panel, then move it up with the keyboard; what plays stays.
        app.click("#nav-search");
        app.click("#search");
        app.robot.write("morning");
        ListView<TrackRow> morning = app.node("#results");
        app.await("Morning Tide", () -> morning.getItems().size() == 1);
        app.robot.clickOn(app.robot.from(morning).lookup("Morning Tide").queryLabeled());
        app.click("#add-to-queue");
        app.click("#nav-queue");
        app.await("two in the queue", () -> queue.getItems().size() == 2);
        assertThat(queue.getItems()).extracting(QueueItem::title).containsExactly("Midnight Harbour", "Morning Tide");
        app.robot.interact(() -> {
            queue.requestFocus();
            queue.getSelectionModel().select(1);
        });
        app.robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
        app.await("moved up", () -> queue.getItems().getFirst().title().equals("Morning Tide"));
        assertThat(queue.getSelectionModel().getSelectedItem().title()).isEqualTo("Morning Tide");
        assertThat(app.<Label>node("#now-title").getText()).isEqualTo("Midnight Harbour");

        // Russian, without a restart: the window is rebuilt around the same session and music.
        app.click("#nav-settings");
        ComboBox<String> language = app.node("#language");
        app.robot.interact(() -> language.setValue("ru"));
        app.await("Russian", () -> app.<ToggleButton>node("#nav-search").getText().equals("Поиск"));
        assertThat(app.<Button>node("#play-pause").getAccessibleText()).isEqualTo("Пауза");
        assertThat(app.<Label>node("#now-title").getText()).isEqualTo("Midnight Harbour");
        app.shoot("settings-ru");
        for (String screen : new String[] {"home", "search", "library", "queue", "downloads", "wallet"}) {
            app.click("#nav-" + screen);
            app.shoot(screen + "-ru");
        }
        app.click("#nav-search");
        app.click("#search");
        app.robot.write("midnight");
        ListView<TrackRow> found = app.node("#results");
        app.await("a result in Russian", () -> found.getItems().size() == 1);
        app.robot.clickOn(app.robot.from(found).lookup("Midnight Harbour").queryLabeled());
        Label offeringRu = app.node("#offering");
        app.await("the offering in Russian", () -> !offeringRu.getText().isEmpty());
        app.shoot("track-ru");
        app.click("#track-release");
        app.await("the release page in Russian", () -> app.find("#release-title").tryQuery().isPresent());
        app.shoot("release-ru");
        app.click("#release-artist");
        app.await("the artist page in Russian", () -> app.find("#artist-name").tryQuery().isPresent());
        app.shoot("artist-ru");

        // Sign out: back to the first screen, and a restart does not sign in again.
        app.click("#nav-settings");
        app.click("#sign-out");
        app.await("the first screen", () -> "onboarding".equals(app.stage().getScene().getRoot().getId()));
        app.stop();
        app.launch("en", "onboarding");

        try (fxIo) {
            assertThat(fxIo.offences()).as("file or network work on the FX thread").isEmpty();
        }
    }

    private static TrackRow row(ListView<TrackRow> results, String title) {
        return results.getItems().stream().filter(r -> r.track().title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError(title + " is not in the results"));
    }
}
