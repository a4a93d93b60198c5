package dance.normal.app.studio.earnings;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The artist's earnings as shown: totals as sentences; the charts' points in micro-dollars (whole numbers; the
 * chart's axis writes them as dollars); plays not counted, holders and the withdrawal as rows and sentences.
 */
final class EarningsModel {

    /** A track to see the holders of. */
    record TrackChoice(String id, String title) {

        @Override
        public String toString() {
            return title;
        }
    }

    /** How many plays of a track ended for one reason. */
    record ReasonRow(String track, String reason, String count) {
    }

    /** One holder of the chosen track. */
    record HolderRow(String name, String tokens, String earned) {
    }

    final StringProperty available = new SimpleStringProperty("");
    final StringProperty earned = new SimpleStringProperty("");
    final StringProperty withdrawn = new SimpleStringProperty("");
    /** The period of the chart by day, in days. */
    final IntegerProperty days = new SimpleIntegerProperty(30);
    final ObservableList<XYChart.Data<String, Number>> salesByDay = FXCollections.observableArrayList();
    final ObservableList<XYChart.Data<String, Number>> playsByDay = FXCollections.observableArrayList();
    final ObservableList<XYChart.Data<String, Number>> salesByTrack = FXCollections.observableArrayList();
    final ObservableList<XYChart.Data<String, Number>> playsByTrack = FXCollections.observableArrayList();

    /** Paid plays over all tracks, as a sentence. */
    final StringProperty paidPlays = new SimpleStringProperty("");
    final ObservableList<ReasonRow> notCounted = FXCollections.observableArrayList();

    final ObservableList<TrackChoice> tracks = FXCollections.observableArrayList();
    final ObjectProperty<TrackChoice> chosen = new SimpleObjectProperty<>();
    final StringProperty holdersSummary = new SimpleStringProperty("");
    final ObservableList<HolderRow> holders = FXCollections.observableArrayList();

    /** Dollars to withdraw, as typed. */
    final StringProperty withdrawAmount = new SimpleStringProperty("");
    /** The exact words the wallet signs, shown before confirming. */
    final StringProperty withdrawWords = new SimpleStringProperty("");
    final BooleanProperty confirming = new SimpleBooleanProperty(false);
    final BooleanProperty working = new SimpleBooleanProperty(false);

    final StringProperty message = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
}
