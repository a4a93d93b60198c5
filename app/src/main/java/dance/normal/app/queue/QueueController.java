package dance.normal.app.queue;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.player.Player;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueSnapshot;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
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
 * The play queue as the player has it: the current entry marked, Enter or a double click plays an entry, Delete
 * removes it, Alt+Up and Alt+Down move it, and the queue can be cleared. Changes arrive from the player's thread
 * and are shown on the FX thread; edits go back to the player, which owns the queue.
 */
public final class QueueController {

    private final ObservableList<QueueItem> items = FXCollections.observableArrayList();
    private final VBox root = new VBox(12);
    private final ListView<QueueItem> list = new ListView<>(items);
    private final Player player;
    private String currentEntryId;
    private String pendingSelection;
    private final QueueListener listener = this::changed;

    public QueueController(Player player, I18n i18n) {
        this.player = player;
        Label title = new Label(i18n.get("nav.queue"));
        title.getStyleClass().add(Styles.TITLE_3);
        Button clear = new Button(i18n.get("queue.clear"));
        clear.setId("queue-clear");
        clear.setOnAction(e -> player.withQueue(q -> q.clear()));
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(items));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, title, gap, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        list.setId("queue");
        list.setAccessibleText(i18n.get("nav.queue"));
        list.setPlaceholder(new Label(i18n.get("queue.empty")));
        list.setCellFactory(v -> new Cell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                playSelected();
            }
        });
        list.setOnKeyPressed(e -> {
            QueueItem selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER) {
                playSelected();
            } else if (e.getCode() == KeyCode.DELETE && selected != null) {
                player.withQueue(q -> q.remove(selected.entryId()));
            } else if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)
                    && selected != null) {
                int from = list.getSelectionModel().getSelectedIndex();
                int to = from + (e.getCode() == KeyCode.UP ? -1 : 1);
                if (to >= 0 && to < items.size()) {
                    pendingSelection = selected.entryId(); // keep it selected where it lands
                    player.withQueue(q -> q.move(from, to));
                }
                e.consume();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(top, list);
        root.setPadding(new Insets(16));
        root.setId("queue-screen");
        player.addQueueListener(listener);
    }

    public void close() {
        player.removeQueueListener(listener);
    }

    private void playSelected() {
        QueueItem selected = list.getSelectionModel().getSelectedItem();
        if (selected != null) {
            player.jumpTo(selected.entryId());
        }
    }

    /** On the player's thread. */
    private void changed(QueueSnapshot snapshot) {
        String current = snapshot.current().map(QueueItem::entryId).orElse(null);
        Platform.runLater(() -> {
            currentEntryId = current;
            items.setAll(snapshot.items());
            list.refresh();
            if (pendingSelection != null) {
                items.stream().filter(i -> i.entryId().equals(pendingSelection)).findFirst()
                        .ifPresent(i -> list.getSelectionModel().select(i));
                pendingSelection = null;
            }
        });
    }

    public Parent view() {
        return root;
    }

    private final class Cell extends ListCell<QueueItem> {
        private final Label title = new Label();
        private final Label artist = new Label();
        private final Label length = new Label();
        private final FontIcon playing = new FontIcon(Material2MZ.PLAY_ARROW);
        private final HBox box;

        Cell() {
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
            boolean current = item.entryId().equals(currentEntryId);
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
