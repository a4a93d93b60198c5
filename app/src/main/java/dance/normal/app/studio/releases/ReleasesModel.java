package dance.normal.app.studio.releases;

import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.TrackStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The artist's releases, the chosen one's details and track order, and the drafts a new release can be made of. */
final class ReleasesModel {

    /** A track of the chosen release, in its place. */
    record TrackLine(String id, String title, TrackStatus status) {
    }

    /** A draft outside any release, ticked to go on a new one. */
    record DraftChoice(String id, String title, BooleanProperty chosen) {
    }

    // ---- Properties.
    final ObservableList<StudioRelease> releases = FXCollections.observableArrayList();
    final ObjectProperty<StudioRelease> chosen = new SimpleObjectProperty<>();
    /** The chosen release's tracks in their order; reordering saves it. */
    final ObservableList<TrackLine> order = FXCollections.observableArrayList();
    final StringProperty title = new SimpleStringProperty("");
    final StringProperty year = new SimpleStringProperty("");
    /** Whether every track of the chosen release is published (then its button unpublishes). */
    final BooleanProperty allPublished = new SimpleBooleanProperty();
    final ObservableList<DraftChoice> drafts = FXCollections.observableArrayList();
    final StringProperty newTitle = new SimpleStringProperty("");
    final StringProperty newYear = new SimpleStringProperty("");
    /** What went wrong or was just done, in one sentence. */
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty();
}
