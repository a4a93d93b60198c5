package dance.normal.app.ui;

import javafx.scene.control.PasswordField;

/** Passwords leave their field as a {@code char[]} the caller wipes, never as a String. */
public final class PasswordFields {

    private PasswordFields() {
    }

    /** Copies what was typed into a new array and clears the field. */
    public static char[] take(PasswordField field) {
        char[] password = copy(field);
        field.clear();
        return password;
    }

    /** Copies what was typed into a new array, leaving the field as it is (the caller clears it when taken). */
    public static char[] copy(PasswordField field) {
        CharSequence typed = field.getCharacters();
        char[] password = new char[typed.length()];
        for (int i = 0; i < password.length; i++) {
            password[i] = typed.charAt(i);
        }
        return password;
    }
}
