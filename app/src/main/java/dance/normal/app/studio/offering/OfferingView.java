package dance.normal.app.studio.offering;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dance.normal.app.ui.I18n;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The offering form on the left, the server's preview of it on the right, and Open below. */
final class OfferingView {

    final ScrollPane root = new ScrollPane();

    OfferingView(OfferingModel model, I18n i18n, Runnable onOpen) {
        Label heading = new Label(i18n.get("offering.title"));
        heading.getStyleClass().add(Styles.TITLE_3);
        Label track = sentence(model.title, Styles.TEXT_MUTED, "offering-track");
        Label notice = sentence(model.notice, Styles.WARNING, "offering-notice");

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        field(form, 0, i18n.get("offering.supply"), i18n.get("offering.supplyHint"), model.supply, "offering-supply");
        field(form, 1, i18n.get("offering.price"), i18n.get("offering.priceHint"), model.price, "offering-price");
        field(form, 2, i18n.get("offering.share"), i18n.get("offering.shareHint"), model.share, "offering-share");
        field(form, 3, i18n.get("offering.cap"), i18n.get("offering.capHint"), model.cap, "offering-cap");
        field(form, 4, i18n.get("offering.tokens"), i18n.get("offering.tokensHint"), model.tokens,
                "offering-tokens");
        form.setMinWidth(Region.USE_PREF_SIZE);

        Label previewTitle = new Label(i18n.get("offering.preview"));
        previewTitle.getStyleClass().add(Styles.TITLE_4);
        ProgressIndicator previewing = new ProgressIndicator();
        previewing.setPrefSize(18, 18);
        previewing.setId("offering-previewing");
        previewing.visibleProperty().bind(model.previewing);
        HBox previewHeading = new HBox(8, previewTitle, previewing);
        previewHeading.setAlignment(Pos.CENTER_LEFT);
        Label fanPays = sentence(model.fanPays, Styles.TEXT_BOLD, "offering-fan-pays");
        Label fromSale = sentence(model.fromSale, null, "offering-from-sale");
        TableView<OfferingModel.PlaysRow> plays = new TableView<>(model.plays);
        plays.setId("offering-plays");
        plays.setAccessibleText(i18n.get("offering.playsTable"));
        plays.getColumns().add(column(i18n.get("offering.col.plays"), OfferingModel.PlaysRow::plays));
        plays.getColumns().add(column(i18n.get("offering.col.earned"), OfferingModel.PlaysRow::earned));
        plays.getColumns().add(column(i18n.get("offering.col.artist"), OfferingModel.PlaysRow::artist));
        plays.getColumns().add(column(i18n.get("offering.col.holders"), OfferingModel.PlaysRow::holders));
        plays.getColumns().add(column(i18n.get("offering.col.fan"), OfferingModel.PlaysRow::fan));
        plays.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        plays.setPlaceholder(new Label(i18n.get("offering.noPreview")));
        plays.setPrefHeight(170); // the header and the three rows of 1,000 / 10,000 / 100,000 plays
        plays.setMinHeight(170);
        Label playsNote = new Label(i18n.get("offering.playsNote"));
        playsNote.getStyleClass().add(Styles.TEXT_MUTED);
        playsNote.setWrapText(true);
        VBox preview = new VBox(8, previewHeading, fanPays, fromSale, plays, playsNote);
        preview.setId("offering-preview");
        HBox.setHgrow(preview, Priority.ALWAYS);
        preview.setMinWidth(360);
        HBox columns = new HBox(28, form, preview);

        Label error = sentence(model.error, Styles.DANGER, "offering-error");
        Button open = new Button(i18n.get("offering.open"));
        open.getStyleClass().add(Styles.ACCENT);
        open.setId("offering-open");
        open.setOnAction(e -> onOpen.run());
        open.disableProperty().bind(model.openable.not().or(model.working));
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(22, 22);
        working.visibleProperty().bind(model.working);
        working.managedProperty().bind(model.working);
        Label opened = sentence(model.opened, Styles.SUCCESS, "offering-opened");
        HBox actions = new HBox(10, open, working, opened);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox page = new VBox(12, heading, track, notice, columns, error, actions);
        page.setPadding(new Insets(16));
        page.setId("offering");
        root.setContent(page);
        root.setFitToWidth(true);
        root.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
    }

    private static void field(GridPane form, int row, String label, String hint, StringProperty value, String id) {
        Label name = new Label(label);
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        field.setPrefColumnCount(8);
        field.setAccessibleText(label);
        field.setId(id);
        name.setLabelFor(field);
        Label note = new Label(hint);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        note.setMaxWidth(180);
        form.addRow(row, name, field, note);
    }

    private static TableColumn<OfferingModel.PlaysRow, String> column(String title,
                                                                     Function<OfferingModel.PlaysRow, String> value) {
        TableColumn<OfferingModel.PlaysRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** A line that says {@code text}, and takes no room while there is nothing to say. */
    private static Label sentence(StringProperty text, String style, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        l.setWrapText(true);
        l.setId(id);
        l.managedProperty().bind(text.isNotEmpty());
        l.visibleProperty().bind(text.isNotEmpty());
        return l;
    }
}
