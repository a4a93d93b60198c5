package dance.normal.app.wallet;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The balance in dollars, earnings, holdings and history, as lines ready to show. */
final class WalletModel {

    final StringProperty balance = new SimpleStringProperty("");
    final StringProperty earnings = new SimpleStringProperty("");
    final ObservableList<String> holdings = FXCollections.observableArrayList();
    final ObservableList<String> history = FXCollections.observableArrayList();
    final StringProperty amount = new SimpleStringProperty("20");
    /** The test card of the demo's payment provider; empty to pay on Stripe's hosted page (a real card goes there). */
    final StringProperty card = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    /** Offline, the wallet as last seen: a note, not an error. */
    final StringProperty asOf = new SimpleStringProperty("");
    final BooleanProperty working = new SimpleBooleanProperty(false);
    /** A queued or pending top-up is being followed until it ends: a progress indicator shows. */
    final BooleanProperty following = new SimpleBooleanProperty(false);
}
