package dance.normal.app.studio.report;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A track's quality report as shown: figures as text, the waveform, the preview's start, and the warnings. */
final class ReportModel {

    /**
     * A figure of the report.
     *
     * @param label what it is, in the artist's language
     * @param value the figure with its unit, or a dash when not measured
     * @param id    a stable name for tests and screen readers
     */
    record Figure(String label, String value, String id) {
    }

    /**
     * A warning in the artist's words.
     *
     * @param code the server's code ({@code true_peak}, {@code duplicate}, ...)
     */
    record Warning(String code, String sentence) {
    }

    // ---- Properties.
    final StringProperty title = new SimpleStringProperty("");
    /** What is under way or went wrong (reading, saving the preview start); empty when all is well. */
    final StringProperty status = new SimpleStringProperty("");
    final ObservableList<Figure> figures = FXCollections.observableArrayList();
    final ObservableList<Warning> warnings = FXCollections.observableArrayList();
    /** The peak of each slice of the track, 0 to 1000. */
    final ObservableList<Integer> waveform = FXCollections.observableArrayList();
    final LongProperty durationMs = new SimpleLongProperty();
    final LongProperty suggestedStartMs = new SimpleLongProperty();
    /** Where the 30-second preview starts, as the artist moves it. */
    final LongProperty previewStartMs = new SimpleLongProperty();
    /** The preview start as text ("1:05"). */
    final StringProperty previewStart = new SimpleStringProperty("");
    final BooleanProperty previewPlaying = new SimpleBooleanProperty();
    /** Whether a report is shown (false while reading, or when it could not be read). */
    final BooleanProperty loaded = new SimpleBooleanProperty();
}
