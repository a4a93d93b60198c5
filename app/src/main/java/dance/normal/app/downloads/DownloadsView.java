package dance.normal.app.downloads;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.DownloadWords;
import dance.normal.app.ui.I18n;
import dance.normal.sync.download.Download;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The storage line over a list of downloads, each with a progress bar, pause or resume, and remove. */
final class DownloadsView {

    final VBox root = new VBox(12);
    final ListView<DownloadsModel.Row> list = new ListView<>();

    DownloadsView(DownloadsModel model, I18n i18n, Consumer<DownloadsModel.Row> onPauseResume,
                  Consumer<DownloadsModel.Row> onRemove) {
        Label title = new Label(i18n.get("nav.downloads"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label storage = new Label();
        storage.textProperty().bind(model.storage);
        storage.getStyleClass().add(Styles.TEXT_MUTED);
        storage.setId("storage");
        list.setItems(model.rows);
        list.setId("downloads");
        list.setAccessibleText(i18n.get("nav.downloads"));
        list.setPlaceholder(new Label(i18n.get("downloads.none")));
        list.setCellFactory(v -> new Cell(i18n, onPauseResume, onRemove));
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, storage, list);
        root.setPadding(new Insets(16));
        root.setId("downloads-screen");
    }

    private static final class Cell extends ListCell<DownloadsModel.Row> {
        private final Label title = new Label();
        private final Label state = new Label();
        private final ProgressBar bar = new ProgressBar(0);
        private final Button pauseResume = new Button();
        private final Button remove = new Button(null, new FontIcon(Material2AL.DELETE_OUTLINE));
        private final HBox box;
        private final I18n i18n;

        Cell(I18n i18n, Consumer<DownloadsModel.Row> onPauseResume, Consumer<DownloadsModel.Row> onRemove) {
            this.i18n = i18n;
            title.getStyleClass().add(Styles.TEXT_BOLD);
            state.getStyleClass().add(Styles.TEXT_MUTED);
            bar.setPrefWidth(220);
            pauseResume.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            remove.setAccessibleText(i18n.get("track.removeDownload"));
            pauseResume.setOnAction(e -> onPauseResume.accept(getItem()));
            remove.setOnAction(e -> onRemove.accept(getItem()));
            VBox words = new VBox(2, title, state);
            HBox.setHgrow(words, Priority.ALWAYS);
            box = new HBox(12, words, bar, pauseResume, remove);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(DownloadsModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Download d = row.download();
            title.setText(row.title() + " \u2014 " + row.artist());
            double fraction = d.bytesTotal() == 0 ? 0 : (double) d.bytesDone() / d.bytesTotal();
            bar.setProgress(d.state() == Download.State.DONE ? 1 : fraction);
            String words = DownloadWords.of(d, i18n);
            state.setText(words);
            boolean running = d.state() == Download.State.QUEUED || d.state() == Download.State.DOWNLOADING;
            boolean resumable = d.state() == Download.State.PAUSED || d.state() == Download.State.FAILED;
            pauseResume.setVisible(running || resumable);
            pauseResume.setGraphic(new FontIcon(running ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
            pauseResume.setAccessibleText(i18n.get(running ? "download.pause" : "download.resume"));
            setAccessibleText(row.title() + ", " + words);
            setGraphic(box);
        }
    }
}
