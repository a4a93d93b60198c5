package dance.normal.app.search;

import dance.normal.app.ui.TrackRow;
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

/** The query, the tracks that match it, the one selected and a line about them. */
final class SearchModel {

    final StringProperty query = new SimpleStringProperty("");
    final ObservableList<TrackRow> results = FXCollections.observableArrayList();
    /** The result selected in the list (the view keeps both in step), or null. */
    final ObjectProperty<TrackRow> selected = new SimpleObjectProperty<>();
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty syncing = new SimpleBooleanProperty(false);
    /** Counts the requests to put the cursor in the search field (with what it holds selected). */
    final IntegerProperty focusRequests = new SimpleIntegerProperty();
}
