package dance.normal.app.settings;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/** The account's devices as lines ready to show, the ones being removed, and what went wrong. */
final class DevicesModel {

    /** One device: its name, its short key with when it was added, and whether it is this one (no Remove). */
    record Row(String id, String name, String keyLine, boolean here) {
    }

    final ObservableList<Row> devices = FXCollections.observableArrayList();
    /** The ids of the devices being removed: their Remove waits. */
    final ObservableSet<String> removing = FXCollections.observableSet();
    final StringProperty error = new SimpleStringProperty("");
}
