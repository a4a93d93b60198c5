package dance.normal.app.downloads;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeCatalogService;
import dance.normal.app.session.FakeDownloadService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.DownloadWords;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.sync.download.Download;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Downloads screen over downloads and a catalog in memory: no server, no files. */
class DownloadsControllerTest {

    private static final long MB = 1024 * 1024;
    private final FakeCatalogService catalog = new FakeCatalogService();
    private final FakeDownloadService downloads = new FakeDownloadService();
    private final Background background = new Background();
    private DownloadsController screen;

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        catalog.tracks.addAll(List.of(FakeCatalogService.track("t1", "River Song", "Ana"),
                FakeCatalogService.track("t2", "Mountain", "Ben")));
        downloads.put(new Download("t1", Download.State.DONE, 3 * MB, 3 * MB, true, null));
        downloads.put(new Download("t2", Download.State.QUEUED, 0, 0, true, null));
        downloads.usedBytes = 3 * MB;
        screen = Fx.call(() -> new DownloadsController(downloads, catalog, new FxEvents(background.fxThread()),
                background, ENGLISH));
        Fx.show(screen.view());
    }

    @AfterEach
    void tearDown() {
        Fx.run(screen::onDeactivate);
        background.close();
    }

    @Test
    void eachDownloadShowsItsTrackAndWhereItStandsWithTheStorageUsed() throws Exception {
        Fx.run(screen::onActivate);
        Fx.await("two rows", () -> list().getItems().size() == 2);

        assertThat(Fx.call(() -> words("t1"))).isEqualTo("Kept on this device");
        assertThat(Fx.call(() -> words("t2"))).isEqualTo("Waiting to download\u2026");
        assertThat(Fx.call(() -> Fx.<Label>find(screen.view(), "storage").getText()))
                .isEqualTo("3.0 MB used of 4.0 GB");
        assertThat(Fx.call(() -> row("t1").map(r -> r.title() + " \u2014 " + r.artist()).orElseThrow()))
                .isEqualTo("River Song \u2014 Ana");

        downloads.progress("t2", MB, 4 * MB); // on a download thread
        Fx.await("the progress", () -> "Downloading\u2026 25%".equals(words("t2")));
    }

    @Test
    void pauseResumeAndRemoveChangeTheRow() throws Exception {
        Fx.run(screen::onActivate);
        Fx.await("two rows", () -> list().getItems().size() == 2);

        press("t2", "Pause download");
        Fx.await("paused", () -> "Paused".equals(words("t2")));
        press("t2", "Resume download");
        Fx.await("queued again", () -> "Waiting to download\u2026".equals(words("t2")));

        press("t1", "Remove download");
        Fx.await("gone", () -> row("t1").isEmpty());
        assertThat(downloads.download("t1")).isEmpty();
    }

    /** Downloads are followed only while the screen is shown: a hidden screen does no work. */
    @Test
    void aHiddenScreenStopsListening() {
        assertThat(downloads.listenerCount()).isZero();
        Fx.run(screen::onActivate);
        assertThat(downloads.listenerCount()).isEqualTo(1);
        Fx.run(screen::onDeactivate);
        assertThat(downloads.listenerCount()).isZero();
    }

    private ListView<DownloadsModel.Row> list() {
        return Fx.find(screen.view(), "downloads");
    }

    private Optional<DownloadsModel.Row> row(String trackId) {
        return list().getItems().stream().filter(r -> r.download().trackId().equals(trackId)).findFirst();
    }

    private String words(String trackId) {
        return row(trackId).map(r -> DownloadWords.of(r.download(), ENGLISH)).orElse(null);
    }

    /** Presses the button a listener sees (by its spoken name) in the track's row. */
    private void press(String trackId, String name) throws InterruptedException {
        Fx.await("the row of " + trackId + " with " + name, () -> button(trackId, name).isPresent());
        Fx.run(() -> button(trackId, name).orElseThrow().fire());
    }

    private Optional<Button> button(String trackId, String name) {
        list().layout();
        for (Node n : list().lookupAll(".list-cell")) {
            if (n instanceof ListCell<?> cell && cell.getItem() instanceof DownloadsModel.Row r
                    && r.download().trackId().equals(trackId)) {
                return cell.lookupAll(".button").stream().map(Button.class::cast)
                        .filter(b -> b.isVisible() && name.equals(b.getAccessibleText())).findFirst();
            }
        }
        return Optional.empty();
    }
}
