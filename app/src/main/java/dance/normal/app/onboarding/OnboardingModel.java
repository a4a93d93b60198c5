package dance.normal.app.onboarding;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the sign-up / sign-in screen shows. The password is not here: it stays in the field, never in a String. */
final class OnboardingModel {

    /** True to create an account, false to sign in. */
    final BooleanProperty creating = new SimpleBooleanProperty(true);
    final StringProperty email = new SimpleStringProperty("");
    /** "I make music": the account is an artist's (creating only), named {@link #artistName}. */
    final BooleanProperty artist = new SimpleBooleanProperty(false);
    final StringProperty artistName = new SimpleStringProperty("");
    final BooleanProperty working = new SimpleBooleanProperty(false);
    /** A sentence for the listener, empty when there is nothing to say. */
    final StringProperty error = new SimpleStringProperty("");
}
