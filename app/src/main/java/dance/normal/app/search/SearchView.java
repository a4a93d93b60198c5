package dance.normal.app.search;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A search field and a virtualised list of results that follows it as you type; what cannot play now is greyed
 * with the reason.
 */
final class SearchView {

    final VBox root = new VBox(10);
    final TextField field = new TextField();
    final ListView<TrackRow> list = new ListView<>();

    SearchView(SearchModel model, I18n i18n, Artwork artwork, IntConsumer onChoose) {
        field.setPromptText(i18n.get("search.prompt"));
        field.setAccessibleText(i18n.get("search.prompt"));
        field.textProperty().bindBidirectional(model.query);
        field.setId("search");

        list.setItems(model.results);
        list.setId("results");
        list.setAccessibleText(i18n.get("search.results"));
        list.setCellFactory(v -> new TrackCell(i18n, artwork));
        list.setFixedCellSize(TrackCell.HEIGHT);
        list.setPlaceholder(new Label());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedIndex() >= 0) {
                onChoose.accept(list.getSelectionModel().getSelectedIndex());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedIndex() >= 0) {
                onChoose.accept(list.getSelectionModel().getSelectedIndex());
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
