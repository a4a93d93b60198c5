package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A 100,000-track list, as the Library shows a large library: only the rows in view exist as cells, however far it
 * is scrolled, and the keyboard reaches the last track.
 */
class TrackListIT {

    private static final int TRACKS = 100_000;
    private final FxRobot robot = new FxRobot();
    private final Background background = new Background();

    @AfterEach
    void tearDown() throws Exception {
        background.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void aHundredThousandTracksScrollThroughAHandfulOfCells() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicInteger cells = new AtomicInteger();
        List<TrackRow> rows = new ArrayList<>(TRACKS);
        for (int i = 0; i < TRACKS; i++) {
            Track t = new Track("t" + i, "Track " + (i + 1), "a" + i / 20, "Artist " + i / 20, "r" + i / 5,
                    "Release " + i / 5, i % 5 + 1, "Ambient", 180_000 + i % 60_000, "mp3", "audio/mpeg", 192,
                    4_000_000, "00", -14.0, -1.0, "/api/v1/artwork/r" + i / 5);
            rows.add(new TrackRow(t, true, i % 7 == 0, null));
        }
        Artwork artwork = new Artwork(background, (url, size) -> Optional.empty());
        ListView<TrackRow> list = WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            ListView<TrackRow> l = TrackCell.list(new I18n(Locale.ENGLISH), artwork, (tracks, index) -> { },
                    track -> { });
            var cellsOf = l.getCellFactory();
            l.setCellFactory(v -> {
                cells.incrementAndGet();
                return cellsOf.call(v);
            });
            l.getItems().setAll(rows);
            l.setId("tracks");
            stage.setScene(new Scene(new StackPane(l), 900, 700));
            stage.show();
            return l;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(list);
        for (int i = 0; i < 40; i++) {
            robot.type(KeyCode.PAGE_DOWN);
        }
        robot.type(KeyCode.END);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getSelectionModel().getSelectedIndex()
                == TRACKS - 1 && robot.from(list).lookup("Track " + TRACKS).tryQuery().isPresent());
        for (int i = 0; i < 200; i++) {
            int row = (int) ((long) i * 7919 % TRACKS);
            robot.interact(() -> list.scrollTo(row));
        }
        robot.interact(() -> list.scrollTo(TRACKS / 2));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(list).lookup("Track " + (TRACKS / 2 + 1))
                .tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(), "track-list-100k")).get();

        // Any ListView makes only the cells in view; the fixed height is what spares it measuring rows to find them.
        assertThat(list.getFixedCellSize()).isEqualTo(TrackCell.HEIGHT);
        int inView = (int) Math.ceil(700 / TrackCell.HEIGHT);
        assertThat(cells.get()).as("cells made for a list of %d tracks", TRACKS).isLessThanOrEqualTo(inView * 3);
    }
}
