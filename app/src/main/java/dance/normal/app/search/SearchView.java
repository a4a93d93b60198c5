package dance.normal.app.search;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A search field and a virtualised list of results that follows it as you type; what cannot play now is greyed
 * with the reason.
 */
final class SearchView {

    /** What the view asks of its controller. */
    interface Actions {
        /** A result was selected (by the listener, or again after the rows were read again). */
        void onSelected(TrackRow row);

        /** The list was clicked: the selected result is shown again (say after its panel was closed). */
        void onClicked();

        /** The result at {@code index} was chosen (double click or Enter): it plays. */
        void onChoose(int index);
    }

    final VBox root = new VBox(10);

    SearchView(SearchModel model, I18n i18n, Artwork artwork, Actions actions) {
        TextField field = new TextField();
        ListView<TrackRow> list = new ListView<>();
        field.setPromptText(i18n.get("search.prompt"));
        field.setAccessibleText(i18n.get("search.prompt"));
        field.textProperty().bindBidirectional(model.query);
        field.setId("search");
        model.focusRequests.addListener((obs, old, n) -> {
            field.requestFocus();
            field.selectAll();
        });

        list.setItems(model.results);
        list.setId("results");
        list.setAccessibleText(i18n.get("search.results"));
        list.setCellFactory(v -> new TrackCell(i18n, artwork));
        list.setFixedCellSize(TrackCell.HEIGHT);
        list.setPlaceholder(new Label());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            model.selected.set(row);
            if (row != null) {
                actions.onSelected(row);
            }
        });
        model.selected.addListener((obs, old, row) -> {
            if (row != null && row != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(row);
            }
        });
        list.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> actions.onClicked());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedIndex() >= 0) {
                actions.onChoose(list.getSelectionModel().getSelectedIndex());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedIndex() >= 0) {
                actions.onChoose(list.getSelectionModel().getSelectedIndex());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("search-status");

        root.getChildren().addAll(field, status, list);
        root.setPadding(new Insets(16));
    }
}
