package dance.normal.app.queue;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.player.queue.QueueItem;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The queue's list (the current entry marked) and Clear. Enter or a double click plays an entry, Delete removes it,
 * Alt+Up and Alt+Down move it.
 */
final class QueueView {

    /** What the view asks of its controller. */
    interface Actions {
        void onPlay(QueueItem item);

        void onRemove(QueueItem item);

        void onMove(QueueItem item, int from, int to);

        void onClear();
    }

    final VBox root = new VBox(12);

    QueueView(QueueModel model, I18n i18n, Actions actions) {
        ListView<QueueItem> list = new ListView<>(model.items);
        Label title = new Label(i18n.get("nav.queue"));
        title.getStyleClass().add(Styles.TITLE_3);
        Button clear = new Button(i18n.get("queue.clear"));
        clear.setId("queue-clear");
        clear.setOnAction(e -> actions.onClear());
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.items));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, title, gap, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        list.setId("queue");
        list.setAccessibleText(i18n.get("nav.queue"));
        list.setPlaceholder(new Label(i18n.get("queue.empty")));
        list.setCellFactory(v -> new Cell(model));
        Consumer<QueueItem> play = item -> {
            if (item != null) {
                actions.onPlay(item);
            }
        };
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                play.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            QueueItem selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER) {
                play.accept(selected);
            } else if (e.getCode() == KeyCode.DELETE && selected != null) {
                actions.onRemove(selected);
            } else if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)
                    && selected != null) {
                int from = list.getSelectionModel().getSelectedIndex();
                actions.onMove(selected, from, from + (e.getCode() == KeyCode.UP ? -1 : 1));
                e.consume();
            }
        });
        model.currentEntryId.addListener((obs, old, now) -> list.refresh());
        model.selectEntryId.addListener((obs, old, id) -> {
            if (id != null) {
                model.items.stream().filter(i -> i.entryId().equals(id)).findFirst()
                        .ifPresent(i -> list.getSelectionModel().select(i));
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(top, list);
        root.setPadding(new Insets(16));
        root.setId("queue-screen");
    }

    private static final class Cell extends ListCell<QueueItem> {
        private final QueueModel model;
        private final Label title = new Label();
        private final Label artist = new Label();
        private final Label length = new Label();
        private final FontIcon playing = new FontIcon(Material2MZ.PLAY_ARROW);
        private final HBox box;

        Cell(QueueModel model) {
            this.model = model;
            artist.getStyleClass().add(Styles.TEXT_MUTED);
            length.getStyleClass().add(Styles.TEXT_MUTED);
            playing.getStyleClass().add(Styles.ACCENT);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            box = new HBox(10, playing, new VBox(2, title, artist), gap, length);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(QueueItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            boolean current = item.entryId().equals(model.currentEntryId.get());
            title.setText(item.title());
            title.getStyleClass().remove(Styles.TEXT_BOLD);
            if (current) {
                title.getStyleClass().add(Styles.TEXT_BOLD);
            }
            artist.setText(item.artist());
            length.setText(TrackCell.clock(item.durationMs()));
            playing.setVisible(current);
            setAccessibleText(item.title() + ", " + item.artist());
            setGraphic(box);
        }
    }
}
