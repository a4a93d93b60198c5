package dance.normal.app.studio.offering;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The offering form as typed (text, read by the controller without floating point), and the server's preview of
 * it, as sentences and rows ready to show.
 */
final class OfferingModel {

    /** What the given number of plays earns, and who gets what of it. */
    record PlaysRow(String plays, String earned, String artist, String holders, String fan) {
    }

    final StringProperty title = new SimpleStringProperty("");
    /** Why the offering cannot be opened (a draft, one open already), or empty. */
    final StringProperty notice = new SimpleStringProperty("");

    // The form, as typed.
    final StringProperty supply = new SimpleStringProperty("1000");
    final StringProperty price = new SimpleStringProperty("1.00");
    /** Percent of the artist's play revenue that goes to holders, e.g. "10" or "12.5". */
    final StringProperty share = new SimpleStringProperty("10");
    /** Empty for no cap. */
    final StringProperty cap = new SimpleStringProperty("");
    /** How many tokens the fan of the preview buys. */
    final StringProperty tokens = new SimpleStringProperty("10");

    // The server's preview of the form.
    final StringProperty fanPays = new SimpleStringProperty("");
    final StringProperty fromSale = new SimpleStringProperty("");
    final ObservableList<PlaysRow> plays = FXCollections.observableArrayList();

    /** What is wrong with the form, in one sentence. */
    final StringProperty error = new SimpleStringProperty("");
    /** The offering was opened: what it is. */
    final StringProperty opened = new SimpleStringProperty("");
    final BooleanProperty previewing = new SimpleBooleanProperty(false);
    final BooleanProperty working = new SimpleBooleanProperty(false);
    /** The preview shown is of the form as it stands, and nothing stops opening it. */
    final BooleanProperty openable = new SimpleBooleanProperty(false);
}
