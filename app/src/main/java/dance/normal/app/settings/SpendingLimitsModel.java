package dance.normal.app.settings;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The limits as typed, in dollars without the sign, and what saving them said. The password is never here. */
final class SpendingLimitsModel {

    final StringProperty perPurchase = new SimpleStringProperty("");
    final StringProperty perDay = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty saving = new SimpleBooleanProperty(false);
    /** Counts the requests to forget a typed password (leaving Settings): the view clears its field. */
    final IntegerProperty forgetPassword = new SimpleIntegerProperty();
}
