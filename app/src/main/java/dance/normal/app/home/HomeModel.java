package dance.normal.app.home;

import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Release;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** New releases, what is popular (with a note: as of when, when offline), and what was played lately. */
final class HomeModel {

    final ObservableList<Release> releases = FXCollections.observableArrayList();
    final ObservableList<TrackRow> popular = FXCollections.observableArrayList();
    /** Empty, or why "popular" is old or missing. */
    final StringProperty popularNote = new SimpleStringProperty("");
    final ObservableList<TrackRow> recent = FXCollections.observableArrayList();
}
