package dance.normal.app.studio.uploads;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.sync.upload.AudioFiles;
import dance.normal.sync.upload.Upload;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * A drop zone with buttons to choose files or a folder, a line for what the last drop came to, and the uploads, each
 * with its name, a progress bar, where it stands in words, its rate and time left, and pause or resume, cancel, and
 * the link to its report once it is a draft. Files dragged anywhere over the screen are taken.
 */
final class UploadsView {

    /** What the artist does here. */
    interface Actions {
        void onFiles(List<Path> files);

        void onPauseResume(UploadsModel.Row row);

        void onCancel(UploadsModel.Row row);

        void onOpen(UploadsModel.Row row);
    }

    final VBox root = new VBox(12);
    final ListView<UploadsModel.Row> list = new ListView<>();

    UploadsView(UploadsModel model, I18n i18n, Actions actions) {
        Label title = new Label(i18n.get("nav.uploads"));
        title.getStyleClass().add(Styles.TITLE_3);

        Label drop = new Label(i18n.get("uploads.drop"), new FontIcon(Material2AL.CLOUD_UPLOAD));
        drop.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label(i18n.get("uploads.dropHint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        Button files = new Button(i18n.get("uploads.chooseFiles"));
        files.setId("choose-files");
        files.setDefaultButton(true);
        files.setOnAction(e -> chooseFiles(i18n, actions));
        Button folder = new Button(i18n.get("uploads.chooseFolder"));
        folder.setId("choose-folder");
        folder.setOnAction(e -> chooseFolder(i18n, actions));
        HBox buttons = new HBox(8, files, folder);
        buttons.setAlignment(Pos.CENTER);
        VBox zone = new VBox(8, drop, hint, buttons);
        zone.setAlignment(Pos.CENTER);
        zone.setPadding(new Insets(20));
        zone.setId("drop-zone");
        zone.setStyle("-fx-border-color: -color-border-default; -fx-border-style: dashed; -fx-border-width: 2; "
                + "-fx-border-radius: 8; -fx-background-radius: 8;");
        model.dragOver.addListener((obs, was, over) -> zone.setStyle(zone.getStyle().replace(
                over ? "-color-border-default" : "-color-accent-emphasis",
                over ? "-color-accent-emphasis" : "-color-border-default")));

        Label note = new Label();
        note.textProperty().bind(model.note);
        note.setId("uploads-note");
        note.setWrapText(true);
        note.managedProperty().bind(model.note.isNotEmpty());
        note.visibleProperty().bind(model.note.isNotEmpty());

        list.setItems(model.rows);
        list.setId("uploads");
        list.setAccessibleText(i18n.get("nav.uploads"));
        list.setPlaceholder(new Label(i18n.get("uploads.none")));
        list.setCellFactory(v -> new Cell(i18n, actions));
        VBox.setVgrow(list, Priority.ALWAYS);

        root.getChildren().addAll(title, zone, note, list);
        root.setPadding(new Insets(16));
        root.setId("uploads-screen");
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                model.dragOver.set(true);
            }
            e.consume();
        });
        root.setOnDragExited(e -> model.dragOver.set(false));
        root.setOnDragDropped(e -> dropped(e, model, actions));
    }

    private static void dropped(DragEvent e, UploadsModel model, Actions actions) {
        model.dragOver.set(false);
        boolean files = e.getDragboard().hasFiles();
        if (files) {
            actions.onFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(files);
        e.consume();
    }

    private void chooseFiles(I18n i18n, Actions actions) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("uploads.audioFiles"),
                AudioFiles.EXTENSIONS.stream().sorted().flatMap(x -> java.util.stream.Stream.of("*." + x,
                        "*." + x.toUpperCase(java.util.Locale.ROOT))).toList()));
        List<File> chosen = chooser.showOpenMultipleDialog(window());
        if (chosen != null && !chosen.isEmpty()) {
            actions.onFiles(chosen.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder(I18n i18n, Actions actions) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(i18n.get("uploads.chooseFolder"));
        File chosen = chooser.showDialog(window());
        if (chosen != null) {
            actions.onFiles(List.of(chosen.toPath()));
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static final class Cell extends ListCell<UploadsModel.Row> {
        private final Label name = new Label();
        private final Label state = new Label();
        private final Label rate = new Label();
        private final Label server = new Label();
        private final ProgressBar bar = new ProgressBar(0);
        private final Button pauseResume = new Button();
        private final Button cancel = new Button(null, new FontIcon(Material2AL.CLOSE));
        private final Hyperlink open;
        private final HBox box;
        private final I18n i18n;

        Cell(I18n i18n, Actions actions) {
            this.i18n = i18n;
            this.open = new Hyperlink(i18n.get("uploads.openReport"));
            name.getStyleClass().add(Styles.TEXT_BOLD);
            rate.getStyleClass().add(Styles.TEXT_MUTED);
            server.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            server.setWrapText(true);
            state.setWrapText(true);
            bar.setPrefWidth(220);
            bar.setMinWidth(220);
            pauseResume.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            pauseResume.setOnAction(e -> actions.onPauseResume(getItem()));
            cancel.setOnAction(e -> actions.onCancel(getItem()));
            open.setOnAction(e -> actions.onOpen(getItem()));
            open.setId("open-report");
            HBox stateLine = new HBox(12, bar, state, rate, open);
            stateLine.setAlignment(Pos.CENTER_LEFT);
            VBox words = new VBox(4, name, stateLine, server);
            HBox.setHgrow(words, Priority.ALWAYS);
            box = new HBox(12, words, pauseResume, cancel);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setPadding(new Insets(4, 0, 4, 0));
        }

        @Override
        protected void updateItem(UploadsModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Upload u = row.upload();
            name.setText(u.fileName());
            bar.setProgress(u.state() == Upload.State.CHECKING ? ProgressBar.INDETERMINATE_PROGRESS : u.fraction());
            String words = UploadWords.state(u, i18n);
            state.setText(words);
            state.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            if (u.state() == Upload.State.REFUSED || u.state() == Upload.State.FAILED) {
                state.getStyleClass().add(Styles.DANGER);
            } else if (u.state() == Upload.State.DONE) {
                state.getStyleClass().add(Styles.SUCCESS);
            }
            boolean moving = u.state() == Upload.State.UPLOADING;
            rate.setText(moving ? UploadWords.rate(row.bytesPerSec(), row.left(), i18n) : "");
            server.setText(UploadWords.serverWords(u, i18n));
            server.setManaged(!server.getText().isEmpty());
            server.setVisible(!server.getText().isEmpty());
            open.setVisible(u.state() == Upload.State.DONE && u.trackId() != null);
            open.setManaged(open.isVisible());
            boolean running = u.state().active();
            boolean resumable = u.state() == Upload.State.PAUSED || u.state() == Upload.State.FAILED;
            pauseResume.setVisible(running || resumable);
            pauseResume.setGraphic(new FontIcon(running ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
            pauseResume.setAccessibleText(i18n.get(running ? "uploads.pause" : "uploads.resume"));
            cancel.setAccessibleText(i18n.get(u.state().finished() ? "uploads.clear" : "uploads.cancel"));
            setAccessibleText(u.fileName() + ", " + words);
            setGraphic(box);
        }
    }
}
