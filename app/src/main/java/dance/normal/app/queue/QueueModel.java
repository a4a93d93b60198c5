package dance.normal.app.queue;

import dance.normal.player.queue.QueueItem;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The queue as the player last told it, the entry playing now, and the entry to keep selected after a move. */
final class QueueModel {

    final ObservableList<QueueItem> items = FXCollections.observableArrayList();
    /** The entry playing now, or null. */
    final StringProperty currentEntryId = new SimpleStringProperty();
    /** An entry the view should select (one just moved, so it stays selected where it lands); null when none. */
    final StringProperty selectEntryId = new SimpleStringProperty();
}
