package dance.normal.app.settings;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The choices on the Settings screen as they stand, who is signed in, and what went wrong showing the phrase. The
 * recovery phrase itself is never held here: it goes from the wallet's char[] straight into the view's words.
 */
final class SettingsModel {

    final StringProperty theme = new SimpleStringProperty();
    final StringProperty language = new SimpleStringProperty();
    final ObjectProperty<Long> budgetGb = new SimpleObjectProperty<>();
    /** "Off", then the engine's presets. */
    final ObservableList<String> equalizers = FXCollections.observableArrayList();
    /** The chosen entry of {@link #equalizers}. */
    final IntegerProperty equalizer = new SimpleIntegerProperty();
    final StringProperty email = new SimpleStringProperty("");
    final StringProperty walletAddress = new SimpleStringProperty("");
    final StringProperty phraseError = new SimpleStringProperty("");
}
