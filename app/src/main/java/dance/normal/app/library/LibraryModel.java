package dance.normal.app.library;

import dance.normal.app.ui.TrackRow;
import dance.normal.sync.library.LocalPlaylist;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The collections on the left, the chosen one's tracks on the right, and the name of a playlist being made. */
final class LibraryModel {

    enum Kind { LIKED, DOWNLOADED, PLAYLIST }

    /** A collection on the left: the liked tracks, the downloaded ones, or a playlist (then {@code playlist}). */
    record Collection(String name, Kind kind, LocalPlaylist playlist) {

        boolean same(Collection other) {
            return other != null && kind == other.kind && (kind != Kind.PLAYLIST
                    || playlist.localId().equals(other.playlist().localId()));
        }
    }

    final ObservableList<Collection> collections = FXCollections.observableArrayList();
    /** The collection shown. */
    final ObjectProperty<Collection> chosen = new SimpleObjectProperty<>();
    final ObservableList<TrackRow> tracks = FXCollections.observableArrayList();
    final StringProperty title = new SimpleStringProperty("");
    /** How many tracks, or what went wrong. */
    final StringProperty count = new SimpleStringProperty("");
    /** What an empty collection says. */
    final StringProperty empty = new SimpleStringProperty("");
    final StringProperty newName = new SimpleStringProperty("");
    /** Counts the collections shown (each time tracks arrive), for the start-up and scrolling probes. */
    final IntegerProperty shown = new SimpleIntegerProperty();
}
