package dance.normal.app.studio.report;

import java.util.List;
import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The waveform on a canvas that follows the region's size: one bar per slice (0 to 1000 of full scale), the 30-second
 * preview as a highlighted band with its start line, and the server's suggestion as a dashed line. Pressing or
 * dragging puts the preview's start under the pointer; letting go chooses it. The colours read on both themes.
 */
final class WaveformCanvas extends Region {

    private static final Color BAR = Color.web("#8a8f98");
    private static final Color PREVIEW_BAR = Color.web("#2f81f7");
    private static final Color BAND = Color.web("#2f81f7", 0.16);
    private static final Color SUGGESTED = Color.web("#d29922");

    private final Canvas canvas = new Canvas();
    private final ReportModel model;

    WaveformCanvas(ReportModel model, LongConsumer onMoved, LongConsumer onChosen) {
        this.model = model;
        getChildren().add(canvas);
        setPrefHeight(150);
        setMinHeight(100);
        getStyleClass().add("waveform");
        model.waveform.addListener((ListChangeListener<Integer>) c -> draw());
        model.previewStartMs.addListener((obs, old, v) -> draw());
        model.suggestedStartMs.addListener((obs, old, v) -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> onMoved.accept(at(e.getX())));
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> onMoved.accept(at(e.getX())));
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> onChosen.accept(at(e.getX())));
        setId("waveform");
    }

    /** The moment of the track under {@code x}. */
    private long at(double x) {
        double w = Math.max(1, canvas.getWidth());
        return (long) (Math.clamp(x / w, 0, 1) * model.durationMs.get());
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        List<Integer> peaks = model.waveform;
        long duration = model.durationMs.get();
        if (peaks.isEmpty() || duration <= 0 || w <= 0) {
            return;
        }
        double from = x(model.previewStartMs.get(), w, duration);
        double to = x(model.previewStartMs.get() + ReportController.PREVIEW_MS, w, duration);
        g.setFill(BAND);
        g.fillRect(from, 0, to - from, h);
        double slice = w / peaks.size();
        double mid = h / 2;
        for (int i = 0; i < peaks.size(); i++) {
            double x = i * slice;
            double half = Math.max(1, Math.clamp(peaks.get(i), 0, 1000) / 1000.0 * (mid - 4));
            g.setFill(x + slice > from && x < to ? PREVIEW_BAR : BAR);
            g.fillRect(x + slice * 0.15, mid - half, Math.max(1, slice * 0.7), half * 2);
        }
        g.setStroke(PREVIEW_BAR);
        g.setLineWidth(2);
        g.strokeLine(from, 0, from, h);
        g.setFill(PREVIEW_BAR);
        g.fillPolygon(new double[] {from - 7, from + 7, from}, new double[] {0, 0, 9}, 3);
        // The suggestion over the start: still seen when the artist kept it.
        double suggested = x(model.suggestedStartMs.get(), w, duration);
        g.setStroke(SUGGESTED);
        g.setLineDashes(6, 4);
        g.strokeLine(suggested, 12, suggested, h);
        g.setLineDashes((double[]) null);
    }

    private static double x(long ms, double w, long duration) {
        return Math.clamp((double) ms / duration, 0, 1) * w;
    }
}
