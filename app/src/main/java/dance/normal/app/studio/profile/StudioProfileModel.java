package dance.normal.app.studio.profile;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The artist's profile as the form shows it, and how saving it went. */
final class StudioProfileModel {

    final StringProperty name = new SimpleStringProperty("");
    final StringProperty bio = new SimpleStringProperty("");
    /** The picture's media URL, null when there is none yet. */
    final StringProperty pictureUrl = new SimpleStringProperty();
    final BooleanProperty working = new SimpleBooleanProperty(false);
    /** What went wrong, in a sentence; empty when nothing did. */
    final StringProperty error = new SimpleStringProperty("");
    /** What was just done ("Saved"); empty otherwise. */
    final StringProperty status = new SimpleStringProperty("");
}
