package dance.normal.app.studio.tracks;

import atlantafx.base.theme.Styles;
import dance.normal.app.studio.tracks.StudioTracksModel.ReleaseChoice;
import dance.normal.app.studio.tracks.StudioTracksModel.Row;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackStatus;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The tracks as a list of rows with their actions; the form of the track being edited on the right. */
final class StudioTracksView {

    /** What the view asks of its controller. */
    interface Actions {
        void onPublish(Row row);

        void onReport(Row row);

        /** Opens the offering form of a published track that has none yet. */
        void onOffering(Row row);

        void onEdit(Row row);

        void onSave();

        void onCancel();
    }

    final BorderPane root = new BorderPane();

    StudioTracksView(StudioTracksModel model, I18n i18n, Actions actions) {
        Label heading = new Label(i18n.get("studio.tracks.title"));
        heading.getStyleClass().add(Styles.TITLE_2);
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("studio-tracks-status");
        ListView<Row> list = new ListView<>(model.rows);
        list.setId("studio-tracks");
        list.setAccessibleText(i18n.get("studio.tracks.title"));
        list.setCellFactory(v -> new RowCell(i18n, actions));
        Label empty = new Label();
        empty.textProperty().bind(model.status);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        VBox main = new VBox(12, new VBox(2, heading, status), list);
        VBox.setVgrow(list, Priority.ALWAYS);
        main.setPadding(new Insets(16));
        root.setCenter(main);
        VBox form = form(model, i18n, actions);
        form.visibleProperty().bind(model.editing.isNotNull());
        form.managedProperty().bind(form.visibleProperty());
        root.setRight(form);
        root.setId("studio-tracks-screen");
    }

    private static VBox form(StudioTracksModel model, I18n i18n, Actions actions) {
        Label heading = new Label(i18n.get("studio.edit.title"));
        heading.getStyleClass().add(Styles.TITLE_3);
        GridPane grid = new GridPane(10, 8);
        List<Region> fields = new ArrayList<>();
        fields.add(field(grid, 0, i18n.get("studio.edit.trackTitle"), "edit-title", model.title));
        ComboBox<ReleaseChoice> release = new ComboBox<>(model.releases);
        release.valueProperty().bindBidirectional(model.release);
        release.setId("edit-release");
        release.setMaxWidth(Double.MAX_VALUE);
        release.setAccessibleText(i18n.get("studio.edit.release"));
        Label releaseLabel = new Label(i18n.get("studio.edit.release"));
        releaseLabel.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(1, releaseLabel, release);
        fields.add(release);
        fields.add(field(grid, 2, i18n.get("studio.edit.trackNumber"), "edit-track-number", model.trackNumber));
        fields.add(field(grid, 3, i18n.get("studio.edit.genre"), "edit-genre", model.genre));
        fields.add(field(grid, 4, i18n.get("studio.edit.year"), "edit-year", model.year));
        fields.forEach(f -> f.disableProperty().bind(model.saving));
        Label error = new Label();
        error.textProperty().bind(model.editError);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setId("edit-error");
        error.visibleProperty().bind(model.editError.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Button save = new Button(i18n.get("studio.edit.save"));
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setId("edit-save");
        save.disableProperty().bind(model.saving);
        save.setOnAction(e -> actions.onSave());
        Button cancel = new Button(i18n.get("track.cancel"));
        cancel.setCancelButton(true);
        cancel.setId("edit-cancel");
        cancel.setOnAction(e -> actions.onCancel());
        VBox form = new VBox(12, heading, grid, error, new HBox(8, save, cancel));
        form.setPadding(new Insets(16));
        form.setPrefWidth(320);
        form.setId("studio-edit");
        return form;
    }

    private static TextField field(GridPane grid, int row, String label, String id, StringProperty value) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        field.setId(id);
        field.setAccessibleText(label);
        GridPane.setHgrow(field, Priority.ALWAYS);
        Label name = new Label(label);
        name.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, name, field);
        return field;
    }

    private static Button iconButton(FontIcon icon, String text) {
        Button b = new Button(null, icon);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setAccessibleText(text);
        b.setTooltip(new Tooltip(text));
        return b;
    }

    /** Title over "release · #n · genre · year"; status, length, warnings and the three actions on the right. */
    private static final class RowCell extends ListCell<Row> {

        private final Label title = new Label();
        private final Label detail = new Label();
        private final Label badge = new Label();
        private final Label length = new Label();
        private final Label warnings = new Label();
        private final Button report;
        private final Button edit;
        private final Button offering;
        private final Button publish = new Button();
        private final HBox box;
        private final I18n i18n;

        RowCell(I18n i18n, Actions actions) {
            this.i18n = i18n;
            title.getStyleClass().add(Styles.TEXT_BOLD);
            detail.getStyleClass().add(Styles.TEXT_MUTED);
            length.getStyleClass().add(Styles.TEXT_MUTED);
            length.setMinWidth(44);
            length.setAlignment(Pos.CENTER_RIGHT);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            report = iconButton(new FontIcon(Material2AL.ASSESSMENT), i18n.get("studio.tracks.report"));
            report.setOnAction(e -> actions.onReport(getItem()));
            edit = iconButton(new FontIcon(Material2AL.EDIT), i18n.get("studio.tracks.edit"));
            edit.setOnAction(e -> actions.onEdit(getItem()));
            offering = iconButton(new FontIcon(Material2MZ.MONETIZATION_ON), i18n.get("studio.tracks.offering"));
            offering.setOnAction(e -> actions.onOffering(getItem()));
            publish.setMinWidth(Region.USE_PREF_SIZE);
            publish.setPrefWidth(165); // the same for Publish and Unpublish, so the columns line up
            publish.setOnAction(e -> actions.onPublish(getItem()));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            VBox text = new VBox(2, title, detail);
            text.setMinWidth(0);
            VBox state = new VBox(2, badge, warnings);
            state.setMinWidth(150);
            state.setPrefWidth(150);
            box = new HBox(10, text, gap, state, length, report, edit, offering, publish);
            box.setAlignment(Pos.CENTER_LEFT);
            setPrefWidth(0); // the row fits the list's width: the title gives way, never the buttons
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            StudioTrack t = row.track();
            boolean draft = t.status() == TrackStatus.DRAFT;
            title.setText(t.title());
            List<String> parts = new ArrayList<>();
            parts.add(t.releaseTitle() == null ? i18n.get("studio.tracks.noRelease") : t.releaseTitle());
            if (t.trackNumber() != null) {
                parts.add("#" + t.trackNumber());
            }
            if (t.genre() != null && !t.genre().isBlank()) {
                parts.add(t.genre());
            }
            if (t.year() != null) {
                parts.add(t.year().toString());
            }
            detail.setText(String.join(" \u00b7 ", parts));
            badge.setText(i18n.get(draft ? "studio.status.draft" : "studio.status.published"));
            badge.getStyleClass().setAll("label", draft ? Styles.WARNING : Styles.SUCCESS, Styles.TEXT_BOLD);
            length.setText(TrackCell.clock(t.durationMs()));
            warnings.setText(row.warnings() == null ? "" : row.warnings() == 0 ? i18n.get("studio.tracks.noWarnings")
                    : i18n.get("studio.tracks.warnings", row.warnings()));
            warnings.setGraphic(row.warnings() == null ? null : new FontIcon(row.warnings() == 0
                    ? Material2AL.CHECK_CIRCLE : Material2MZ.WARNING));
            warnings.getStyleClass().setAll("label", row.warnings() != null && row.warnings() > 0 ? Styles.WARNING
                    : Styles.TEXT_MUTED);
            publish.setText(i18n.get(draft ? "studio.tracks.publish" : "studio.tracks.unpublish"));
            publish.setGraphic(new FontIcon(draft ? Material2MZ.PUBLIC : Material2MZ.VISIBILITY_OFF));
            publish.getStyleClass().setAll("button", draft ? Styles.ACCENT : Styles.BUTTON_OUTLINED);
            publish.setId("publish-" + t.id());
            report.setId("report-" + t.id());
            edit.setId("edit-" + t.id());
            // Hidden but in its place when there is nothing to offer, so the rows' buttons line up.
            offering.setVisible(!draft && !t.hasOffering());
            offering.setId("offering-" + t.id());
            setAccessibleText(t.title() + ", " + badge.getText() + ", " + warnings.getText());
            setGraphic(box);
        }
    }
}
