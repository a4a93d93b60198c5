package dance.normal.app.studio.releases;

import atlantafx.base.theme.Styles;
import dance.normal.app.studio.releases.ReleasesModel.DraftChoice;
import dance.normal.app.studio.releases.ReleasesModel.TrackLine;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.ArtworkView;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.TrackStatus;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Releases on the left with the form for a new one below; the chosen release on the right: cover, title and year,
 * publish, and its tracks in order (drag a row, or its up and down buttons).
 */
final class ReleasesView {

    /** What the view asks of its controller. */
    interface Actions {
        void onChoose(StudioRelease release);

        /** Moves the track at {@code from} to {@code to} in the chosen release. */
        void onMove(int from, int to);

        void onSaveDetails();

        void onCover(Path image);

        void onPublish();

        void onCreate();
    }

    final BorderPane root = new BorderPane();

    ReleasesView(ReleasesModel model, I18n i18n, Artwork artwork, Actions actions) {
        Label heading = new Label(i18n.get("studio.releases.title"));
        heading.getStyleClass().add(Styles.TITLE_2);
        ListView<StudioRelease> list = new ListView<>(model.releases);
        list.setId("studio-releases");
        list.setAccessibleText(i18n.get("studio.releases.title"));
        list.setCellFactory(v -> new ReleaseCell(i18n, artwork));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> {
            if (r != null && (model.chosen.get() == null || !r.id().equals(model.chosen.get().id()))) {
                actions.onChoose(r);
            }
        });
        model.chosen.addListener((obs, old, r) -> {
            if (r != null && list.getSelectionModel().getSelectedItem() != r) {
                list.getSelectionModel().select(r);
            }
        });
        VBox side = new VBox(10, heading, list, newRelease(model, i18n, actions));
        VBox.setVgrow(list, Priority.ALWAYS);
        side.setPadding(new Insets(16, 8, 16, 16));
        side.setPrefWidth(340);
        root.setLeft(side);
        VBox chosen = chosen(model, i18n, artwork, actions);
        chosen.visibleProperty().bind(model.chosen.isNotNull());
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("releases-status");
        VBox main = new VBox(12, status, chosen);
        VBox.setVgrow(chosen, Priority.ALWAYS);
        main.setPadding(new Insets(16, 16, 16, 8));
        root.setCenter(main);
        root.setId("studio-releases-screen");
    }

    private static VBox newRelease(ReleasesModel model, I18n i18n, Actions actions) {
        Label heading = new Label(i18n.get("studio.releases.new"));
        heading.getStyleClass().add(Styles.TITLE_4);
        TextField title = new TextField();
        title.textProperty().bindBidirectional(model.newTitle);
        title.setPromptText(i18n.get("studio.releases.releaseTitle"));
        title.setAccessibleText(i18n.get("studio.releases.releaseTitle"));
        title.setId("new-release-title");
        TextField year = new TextField();
        year.textProperty().bindBidirectional(model.newYear);
        year.setPromptText(i18n.get("studio.edit.year"));
        year.setAccessibleText(i18n.get("studio.edit.year"));
        year.setPrefColumnCount(5);
        year.setId("new-release-year");
        HBox.setHgrow(title, Priority.ALWAYS);
        ListView<DraftChoice> drafts = new ListView<>(model.drafts);
        drafts.setId("release-drafts");
        drafts.setPrefHeight(130);
        drafts.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DraftChoice d, boolean empty) {
                super.updateItem(d, empty);
                if (empty || d == null) {
                    setGraphic(null);
                    return;
                }
                CheckBox box = new CheckBox(d.title());
                box.selectedProperty().bindBidirectional(d.chosen());
                box.setId("draft-" + d.id());
                setGraphic(box);
            }
        });
        Label none = new Label(i18n.get("studio.releases.noDrafts"));
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        drafts.setPlaceholder(none);
        Button create = new Button(i18n.get("studio.releases.create"), new FontIcon(Material2AL.ADD));
        create.setId("create-release");
        create.disableProperty().bind(model.busy);
        create.setOnAction(e -> actions.onCreate());
        return new VBox(8, heading, new HBox(6, title, year), drafts, create);
    }

    private static VBox chosen(ReleasesModel model, I18n i18n, Artwork artwork, Actions actions) {
        ArtworkView cover = new ArtworkView(160);
        cover.setId("release-cover");
        model.chosen.addListener((obs, old, r) -> artwork.into(cover, r == null ? null : r.artworkUrl()));
        Button chooseCover = new Button(i18n.get("studio.releases.chooseCover"), new FontIcon(Material2AL.IMAGE));
        chooseCover.setId("choose-cover");
        chooseCover.disableProperty().bind(model.busy);
        chooseCover.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(i18n.get("studio.releases.chooseCover"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("studio.releases.images"),
                    "*.png", "*.jpg", "*.jpeg", "*.webp"));
            File file = chooser.showOpenDialog(chooseCover.getScene().getWindow());
            if (file != null) {
                actions.onCover(file.toPath());
            }
        });
        TextField title = new TextField();
        title.textProperty().bindBidirectional(model.title);
        title.setAccessibleText(i18n.get("studio.releases.releaseTitle"));
        title.setPromptText(i18n.get("studio.releases.releaseTitle"));
        title.getStyleClass().add(Styles.LARGE);
        title.setId("release-title");
        TextField year = new TextField();
        year.textProperty().bindBidirectional(model.year);
        year.setAccessibleText(i18n.get("studio.edit.year"));
        year.setPromptText(i18n.get("studio.edit.year"));
        year.setPrefColumnCount(5);
        year.setId("release-year");
        Button save = new Button(i18n.get("studio.edit.save"));
        save.setId("release-save");
        save.disableProperty().bind(model.busy);
        save.setOnAction(e -> actions.onSaveDetails());
        Button publish = new Button();
        publish.setId("release-publish");
        publish.textProperty().bind(Bindings.when(model.allPublished).then(i18n.get("studio.releases.unpublish"))
                .otherwise(i18n.get("studio.releases.publish")));
        publish.getStyleClass().add(Styles.ACCENT);
        publish.disableProperty().bind(model.busy.or(Bindings.isEmpty(model.order)));
        publish.setOnAction(e -> actions.onPublish());
        HBox details = new HBox(8, title, year, save);
        HBox.setHgrow(title, Priority.ALWAYS);
        VBox right = new VBox(10, details, new HBox(8, chooseCover, publish));
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox top = new HBox(16, cover, right);
        Label orderHeading = new Label(i18n.get("studio.releases.order"));
        orderHeading.getStyleClass().add(Styles.TITLE_4);
        ListView<TrackLine> order = new ListView<>(model.order);
        order.setId("release-order");
        order.setAccessibleText(i18n.get("studio.releases.order"));
        order.setCellFactory(v -> new OrderCell(i18n, model, actions));
        VBox box = new VBox(12, top, orderHeading, order);
        VBox.setVgrow(order, Priority.ALWAYS);
        return box;
    }

    /** A release: its cover, title, and "year · n of m published". */
    private static final class ReleaseCell extends ListCell<StudioRelease> {

        private final ArtworkView cover = new ArtworkView(40);
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(10, cover, new VBox(2, title, detail));
        private final I18n i18n;
        private final Artwork artwork;

        ReleaseCell(I18n i18n, Artwork artwork) {
            this.i18n = i18n;
            this.artwork = artwork;
            title.getStyleClass().add(Styles.TEXT_BOLD);
            detail.getStyleClass().add(Styles.TEXT_MUTED);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(StudioRelease r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            title.setText(r.title());
            String published = i18n.get("studio.releases.publishedOf", r.published(), r.trackIds().size());
            detail.setText(r.year() == null ? published : r.year() + " \u00b7 " + published);
            artwork.into(cover, r.artworkUrl());
            setGraphic(box);
        }
    }

    /** "n. title (status)" with up and down buttons; a row dragged onto another takes its place. */
    private static final class OrderCell extends ListCell<TrackLine> {

        private final Label title = new Label();
        private final Label status = new Label();
        private final Button up = new Button(null, new FontIcon(Material2AL.ARROW_UPWARD));
        private final Button down = new Button(null, new FontIcon(Material2AL.ARROW_DOWNWARD));
        private final HBox box;
        private final I18n i18n;
        private final ReleasesModel model;

        OrderCell(I18n i18n, ReleasesModel model, Actions actions) {
            this.i18n = i18n;
            this.model = model;
            status.getStyleClass().add(Styles.TEXT_MUTED);
            for (Button b : new Button[] {up, down}) {
                b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
                b.disableProperty().bind(model.busy);
            }
            up.setAccessibleText(i18n.get("studio.releases.up"));
            down.setAccessibleText(i18n.get("studio.releases.down"));
            up.setOnAction(e -> actions.onMove(getIndex(), getIndex() - 1));
            down.setOnAction(e -> actions.onMove(getIndex(), getIndex() + 1));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            FontIcon handle = new FontIcon(Material2MZ.REORDER);
            box = new HBox(10, handle, title, gap, status, up, down);
            box.setAlignment(Pos.CENTER_LEFT);
            setOnDragDetected(e -> {
                if (getItem() != null) {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(Integer.toString(getIndex()));
                    startDragAndDrop(TransferMode.MOVE).setContent(content);
                    e.consume();
                }
            });
            setOnDragOver(e -> {
                if (e.getGestureSource() instanceof OrderCell && e.getDragboard().hasString()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                boolean done = false;
                if (e.getDragboard().hasString() && !isEmpty()) {
                    actions.onMove(Integer.parseInt(e.getDragboard().getString()), getIndex());
                    done = true;
                }
                e.setDropCompleted(done);
                e.consume();
            });
        }

        @Override
        protected void updateItem(TrackLine t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            title.setText((getIndex() + 1) + ". " + t.title());
            status.setText(i18n.get(t.status() == TrackStatus.DRAFT ? "studio.status.draft"
                    : "studio.status.published"));
            up.setVisible(getIndex() > 0);
            down.setVisible(getIndex() < model.order.size() - 1);
            setAccessibleText(title.getText() + ", " + status.getText());
            setGraphic(box);
        }
    }
}
