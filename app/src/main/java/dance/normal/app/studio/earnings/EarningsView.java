package dance.normal.app.studio.earnings;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.Money;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Totals and Withdraw on top; the charts by day and by track; plays not counted and holders below. Export asks
 * where to save the statement (a file chooser) and hands the place to the controller.
 */
final class EarningsView {

    /** What the view asks of its controller. */
    interface Actions {
        void onDays(int days);

        void onChoose(EarningsModel.TrackChoice track);

        void onExport(Path target);

        void onWithdraw();

        void onConfirmWithdraw();

        void onCancelWithdraw();
    }

    final ScrollPane root = new ScrollPane();

    EarningsView(EarningsModel model, I18n i18n, Actions actions) {
        Label heading = new Label(i18n.get("earnings.title"));
        heading.getStyleClass().add(Styles.TITLE_3);
        ToggleGroup periods = new ToggleGroup();
        HBox periodButtons = new HBox();
        for (int days : EarningsController.PERIODS) {
            ToggleButton b = new ToggleButton(i18n.get("earnings.days", days));
            b.setToggleGroup(periods);
            b.setId("earnings-days-" + days);
            b.setSelected(model.days.get() == days);
            b.setOnAction(e -> {
                b.setSelected(true); // a period stays chosen
                actions.onDays(days);
            });
            periodButtons.getChildren().add(b);
        }
        periodButtons.getStyleClass().add(Styles.BUTTON_OUTLINED);
        Button export = new Button(i18n.get("earnings.export"), new FontIcon(Material2MZ.SAVE_ALT));
        export.setId("earnings-export");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(i18n.get("earnings.export"));
            chooser.setInitialFileName("normal-dance-statement-" + LocalDate.now() + ".csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (file != null) {
                actions.onExport(file.toPath());
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(12, heading, gap, periodButtons, export);
        top.setAlignment(Pos.CENTER_LEFT);

        HBox totals = new HBox(32, total(i18n.get("earnings.available"), model.available, "earnings-available"),
                total(i18n.get("earnings.earned"), model.earned, "earnings-earned"),
                total(i18n.get("earnings.withdrawn"), model.withdrawn, "earnings-withdrawn"), withdraw(model, i18n,
                        actions));
        totals.setAlignment(Pos.BOTTOM_LEFT);
        VBox confirm = confirm(model, i18n, actions);
        Label message = sentence(model.message, Styles.SUCCESS, "earnings-message");
        Label error = sentence(model.error, Styles.DANGER, "earnings-error");

        StackedBarChart<String, Number> byDay = chart(i18n, i18n.get("earnings.byDay"), model.salesByDay,
                model.playsByDay, "earnings-by-day");
        StackedBarChart<String, Number> byTrack = chart(i18n, i18n.get("earnings.byTrack"), model.salesByTrack,
                model.playsByTrack, "earnings-by-track");
        HBox.setHgrow(byDay, Priority.ALWAYS);
        byDay.setPrefWidth(640);
        byTrack.setPrefWidth(420);
        HBox charts = new HBox(12, byDay, byTrack);

        HBox lists = new HBox(24, notCounted(model, i18n), holders(model, i18n, actions));
        VBox page = new VBox(14, top, totals, confirm, message, error, charts, lists);
        page.setPadding(new Insets(16));
        page.setId("earnings");
        root.setContent(page);
        root.setFitToWidth(true);
        root.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
    }

    private static VBox total(String caption, StringProperty value, String id) {
        Label name = new Label(caption);
        name.getStyleClass().add(Styles.TEXT_MUTED);
        Label amount = new Label();
        amount.textProperty().bind(value);
        amount.getStyleClass().add(Styles.TITLE_2);
        amount.setId(id);
        return new VBox(2, name, amount);
    }

    private static HBox withdraw(EarningsModel model, I18n i18n, Actions actions) {
        TextField amount = new TextField();
        amount.textProperty().bindBidirectional(model.withdrawAmount);
        amount.setPrefColumnCount(7);
        amount.setAccessibleText(i18n.get("earnings.withdrawAmount"));
        amount.setId("earnings-withdraw-amount");
        Button withdraw = new Button(i18n.get("earnings.withdraw"));
        withdraw.getStyleClass().add(Styles.ACCENT);
        withdraw.setId("earnings-withdraw");
        withdraw.setOnAction(e -> actions.onWithdraw());
        HBox box = new HBox(8, new Label("$"), amount, withdraw);
        box.setAlignment(Pos.CENTER_LEFT);
        box.disableProperty().bind(model.confirming);
        return box;
    }

    /** The wallet's words for the withdrawal, and Confirm; shown only between Withdraw and the answer. */
    private static VBox confirm(EarningsModel model, I18n i18n, Actions actions) {
        Label intro = new Label(i18n.get("earnings.confirmIntro"));
        intro.setWrapText(true);
        TextArea words = new TextArea();
        words.textProperty().bind(model.withdrawWords);
        words.setEditable(false);
        words.setWrapText(true);
        words.setPrefRowCount(5);
        words.setMaxWidth(560);
        words.setAccessibleText(i18n.get("earnings.confirmIntro"));
        words.setId("earnings-withdraw-words");
        Button yes = new Button(i18n.get("earnings.confirm"));
        yes.getStyleClass().add(Styles.ACCENT);
        yes.setId("earnings-withdraw-confirm");
        yes.setOnAction(e -> actions.onConfirmWithdraw());
        Button no = new Button(i18n.get("track.cancel"));
        no.setId("earnings-withdraw-cancel");
        no.setOnAction(e -> actions.onCancelWithdraw());
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(22, 22);
        working.visibleProperty().bind(model.working);
        HBox buttons = new HBox(8, yes, no, working);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.disableProperty().bind(model.working);
        VBox box = new VBox(8, intro, words, buttons);
        box.setId("earnings-withdraw-preview");
        box.visibleProperty().bind(model.confirming);
        box.managedProperty().bind(model.confirming);
        return box;
    }

    private static StackedBarChart<String, Number> chart(I18n i18n, String title,
                                                         ObservableList<XYChart.Data<String, Number>> sales,
                                                         ObservableList<XYChart.Data<String, Number>> plays,
                                                         String id) {
        NumberAxis dollars = new NumberAxis();
        dollars.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number micros) {
                return Money.ofMicros(Math.round(micros.doubleValue())).format();
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis is only written");
            }
        });
        dollars.setMinorTickVisible(false);
        StackedBarChart<String, Number> chart = new StackedBarChart<>(new CategoryAxis(), dollars);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCategoryGap(4);
        chart.getData().add(new XYChart.Series<>(i18n.get("earnings.plays"), plays));
        chart.getData().add(new XYChart.Series<>(i18n.get("earnings.sales"), sales));
        chart.setPrefHeight(300);
        chart.setMinHeight(240);
        chart.setId(id);
        return chart;
    }

    private static VBox notCounted(EarningsModel model, I18n i18n) {
        Label title = new Label(i18n.get("earnings.notCounted"));
        title.getStyleClass().add(Styles.TITLE_4);
        Label paid = sentence(model.paidPlays, Styles.TEXT_MUTED, "earnings-paid-plays");
        TableView<EarningsModel.ReasonRow> table = new TableView<>(model.notCounted);
        TableColumn<EarningsModel.ReasonRow, String> track = column(i18n.get("earnings.col.track"),
                EarningsModel.ReasonRow::track);
        track.setPrefWidth(170);
        track.setMaxWidth(220);
        TableColumn<EarningsModel.ReasonRow, String> count = column(i18n.get("earnings.col.plays"),
                EarningsModel.ReasonRow::count);
        count.setPrefWidth(120);
        count.setMaxWidth(140);
        // The reason last, where the width left over goes: its plain words are the longest.
        table.getColumns().add(track);
        table.getColumns().add(count);
        table.getColumns().add(column(i18n.get("earnings.col.reason"), EarningsModel.ReasonRow::reason));
        table.setPlaceholder(new Label(i18n.get("earnings.allCounted")));
        table.setId("earnings-not-counted");
        table.setAccessibleText(i18n.get("earnings.notCounted"));
        VBox box = new VBox(8, title, paid, table(table));
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(560);
        return box;
    }

    private static VBox holders(EarningsModel model, I18n i18n, Actions actions) {
        Label title = new Label(i18n.get("earnings.holders"));
        title.getStyleClass().add(Styles.TITLE_4);
        ComboBox<EarningsModel.TrackChoice> track = new ComboBox<>(model.tracks);
        model.chosen.subscribe(chosen -> {
            if (track.getValue() != chosen) {
                track.setValue(chosen);
            }
        });
        track.setOnAction(e -> {
            if (track.getValue() != model.chosen.get()) {
                actions.onChoose(track.getValue());
            }
        });
        track.setPromptText(i18n.get("earnings.chooseTrack"));
        track.setAccessibleText(i18n.get("earnings.chooseTrack"));
        track.setId("earnings-holders-track");
        Label summary = sentence(model.holdersSummary, Styles.TEXT_MUTED, "earnings-holders-summary");
        TableView<EarningsModel.HolderRow> table = new TableView<>(model.holders);
        table.getColumns().add(column(i18n.get("earnings.col.holder"), EarningsModel.HolderRow::name));
        table.getColumns().add(column(i18n.get("earnings.col.tokens"), EarningsModel.HolderRow::tokens));
        table.getColumns().add(column(i18n.get("earnings.col.earned"), EarningsModel.HolderRow::earned));
        table.setPlaceholder(new Label(i18n.get("earnings.noHolders")));
        table.setId("earnings-holders");
        table.setAccessibleText(i18n.get("earnings.holders"));
        VBox box = new VBox(8, title, track, summary, table(table));
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(420);
        return box;
    }

    private static <T> TableView<T> table(TableView<T> table) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);
        table.setMinHeight(160);
        return table;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    /** A line that says {@code text} in {@code style}, and takes no room while there is nothing to say. */
    private static Label sentence(StringProperty text, String style, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setId(id);
        l.managedProperty().bind(text.isNotEmpty());
        l.visibleProperty().bind(text.isNotEmpty());
        return l;
    }
}
