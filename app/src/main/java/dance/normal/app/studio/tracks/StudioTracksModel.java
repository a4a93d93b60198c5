package dance.normal.app.studio.tracks;

import dance.normal.protocol.studio.StudioTrack;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The artist's tracks, each with its report's warning count, and the form of the track being edited. */
final class StudioTracksModel {

    /**
     * One track in the list.
     *
     * @param warnings how many warnings its quality report has; null until the report is read (or when it cannot be)
     */
    record Row(StudioTrack track, Integer warnings) {
    }

    /** A release the edited track can move to; {@code id} null for "no release". */
    record ReleaseChoice(String id, String title) {

        @Override
        public String toString() {
            return title;
        }
    }

    // ---- Properties.
    final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** How many tracks, or what went wrong reading or publishing them. */
    final StringProperty status = new SimpleStringProperty("");
    /** The track being edited; null when the form is closed. */
    final ObjectProperty<StudioTrack> editing = new SimpleObjectProperty<>();
    final StringProperty title = new SimpleStringProperty("");
    final StringProperty genre = new SimpleStringProperty("");
    final StringProperty year = new SimpleStringProperty("");
    final StringProperty trackNumber = new SimpleStringProperty("");
    final ObjectProperty<ReleaseChoice> release = new SimpleObjectProperty<>();
    final ObservableList<ReleaseChoice> releases = FXCollections.observableArrayList();
    /** Why the edit was not saved, in one sentence; empty when all is well. */
    final StringProperty editError = new SimpleStringProperty("");
    final BooleanProperty saving = new SimpleBooleanProperty();
}
