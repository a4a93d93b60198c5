package dance.normal.app.settings;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Whether the account is an artist, the artist name typed to become one, and how that goes. */
final class ArtistAccountModel {

    final BooleanProperty artist = new SimpleBooleanProperty(false);
    final StringProperty name = new SimpleStringProperty("");
    final BooleanProperty working = new SimpleBooleanProperty(false);
    final StringProperty error = new SimpleStringProperty("");
}
