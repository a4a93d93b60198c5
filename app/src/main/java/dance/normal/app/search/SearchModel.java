package dance.normal.app.search;

import dance.normal.app.ui.TrackRow;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The query, the tracks that match it and a line about them. */
final class SearchModel {

    final StringProperty query = new SimpleStringProperty("");
    final ObservableList<TrackRow> results = FXCollections.observableArrayList();
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty syncing = new SimpleBooleanProperty(false);
}
