package dance.normal.app.studio.report;

import atlantafx.base.theme.Styles;
import dance.normal.app.studio.report.ReportModel.Figure;
import dance.normal.app.studio.report.ReportModel.Warning;
import dance.normal.app.ui.I18n;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The figures as tiles, the waveform with the preview band and its slider, Play preview, and the warnings. */
final class ReportView {

    /** What the view asks of its controller. */
    interface Actions {
        /** The preview's start is being moved (dragging): show it, do not save yet. */
        void onPreviewMoved(long startMs);

        /** The preview's start was let go here: save it. */
        void onPreviewChosen(long startMs);

        void onPlayPreview();
    }

    final BorderPane root = new BorderPane();

    ReportView(ReportModel model, I18n i18n, Actions actions) {
        Label heading = new Label(i18n.get("studio.report.title"));
        heading.getStyleClass().add(Styles.TEXT_MUTED);
        Label title = new Label();
        title.textProperty().bind(model.title);
        title.getStyleClass().add(Styles.TITLE_2);
        title.setId("report-title");
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("report-status");

        FlowPane figures = new FlowPane(10, 10);
        figures.setId("report-figures");
        model.figures.addListener((ListChangeListener<Figure>) c -> figures.getChildren().setAll(
                model.figures.stream().map(ReportView::tile).toList()));

        WaveformCanvas waveform = new WaveformCanvas(model, actions::onPreviewMoved, actions::onPreviewChosen);
        Slider slider = slider(model, actions);
        slider.setAccessibleText(i18n.get("studio.report.previewStart"));
        Label previewAt = new Label();
        previewAt.textProperty().bind(model.previewStart);
        previewAt.setId("preview-start");
        Button play = new Button();
        play.setId("play-preview");
        play.textProperty().bind(Bindings.when(model.previewPlaying).then(i18n.get("studio.report.stopPreview"))
                .otherwise(i18n.get("studio.report.playPreview")));
        play.graphicProperty().bind(Bindings.when(model.previewPlaying).<javafx.scene.Node>then(
                new FontIcon(Material2MZ.STOP)).otherwise(new FontIcon(Material2MZ.PLAY_ARROW)));
        play.getStyleClass().add(Styles.ACCENT);
        play.setOnAction(e -> actions.onPlayPreview());
        Line dash = new Line(0, 0, 18, 0);
        dash.getStrokeDashArray().setAll(6.0, 4.0);
        dash.setStrokeWidth(2);
        dash.setStyle("-fx-stroke: #d29922;");
        Label suggested = new Label(i18n.get("studio.report.suggested"), dash);
        suggested.getStyleClass().add(Styles.TEXT_MUTED);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox previewRow = new HBox(12, play, previewAt, gap, suggested);
        previewRow.setAlignment(Pos.CENTER_LEFT);
        Label previewHeading = new Label(i18n.get("studio.report.preview"));
        previewHeading.getStyleClass().add(Styles.TITLE_4);
        VBox wave = new VBox(8, previewHeading, waveform, slider, previewRow);
        wave.getStyleClass().add("report-waveform");

        Label warningsHeading = new Label(i18n.get("studio.report.warnings"));
        warningsHeading.getStyleClass().add(Styles.TITLE_4);
        VBox warnings = new VBox(6);
        warnings.setId("report-warnings");
        Runnable showWarnings = () -> warnings.getChildren().setAll(model.warnings.isEmpty()
                ? java.util.List.of(allWell(i18n)) : model.warnings.stream().map(ReportView::warning).toList());
        model.warnings.addListener((ListChangeListener<Warning>) c -> showWarnings.run());
        model.loaded.addListener((obs, old, v) -> showWarnings.run());

        VBox content = new VBox(16, new VBox(2, heading, title, status), figures, wave,
                new VBox(8, warningsHeading, warnings));
        content.setPadding(new Insets(16));
        for (var part : java.util.List.of(figures, wave, warnings)) {
            part.visibleProperty().bind(model.loaded);
        }
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);
        root.setId("studio-report");
    }

    private static Slider slider(ReportModel model, Actions actions) {
        Slider slider = new Slider(0, 1, 0);
        slider.setId("preview-slider");
        slider.maxProperty().bind(Bindings.createDoubleBinding(() -> (double) Math.max(1, model.durationMs.get()
                - ReportController.PREVIEW_MS), model.durationMs));
        slider.disableProperty().bind(model.durationMs.lessThanOrEqualTo(ReportController.PREVIEW_MS));
        slider.setBlockIncrement(1_000);
        boolean[] fromModel = {false};
        model.previewStartMs.addListener((obs, old, v) -> {
            fromModel[0] = true;
            slider.setValue(v.doubleValue());
            fromModel[0] = false;
        });
        slider.valueProperty().addListener((obs, old, v) -> {
            if (fromModel[0]) {
                return;
            }
            if (slider.isValueChanging()) {
                actions.onPreviewMoved(v.longValue());
            } else {
                actions.onPreviewChosen(v.longValue());
            }
        });
        slider.valueChangingProperty().addListener((obs, was, now) -> {
            if (was && !now) {
                actions.onPreviewChosen((long) slider.getValue());
            }
        });
        return slider;
    }

    private static VBox tile(Figure f) {
        Label value = new Label(f.value());
        value.getStyleClass().add(Styles.TITLE_3);
        value.setId("figure-" + f.id());
        Label label = new Label(f.label());
        label.getStyleClass().add(Styles.TEXT_MUTED);
        VBox tile = new VBox(2, label, value);
        tile.setPadding(new Insets(10, 14, 10, 14));
        tile.setMinWidth(150);
        tile.getStyleClass().add("report-figure");
        tile.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 8;"
                + " -fx-border-color: -color-border-muted; -fx-border-radius: 8;");
        tile.setAccessibleText(f.label() + ": " + f.value());
        return tile;
    }

    private static Label warning(Warning w) {
        Label label = new Label(w.sentence(), new FontIcon(Material2MZ.WARNING));
        label.setWrapText(true);
        label.getStyleClass().add(Styles.WARNING);
        label.setId("warning-" + w.code());
        return label;
    }

    private static Label allWell(I18n i18n) {
        Label label = new Label(i18n.get("studio.report.allWell"), new FontIcon(Material2AL.CHECK_CIRCLE));
        label.getStyleClass().add(Styles.SUCCESS);
        label.setId("warning-none");
        return label;
    }
}
