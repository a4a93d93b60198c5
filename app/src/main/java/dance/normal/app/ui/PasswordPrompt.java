package dance.normal.app.ui;

import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A small dialog that asks for the account password before something sensitive (a purchase above the listener's
 * spending limit). The password leaves it as a {@code char[]} the receiver wipes, never as a String; cancelling
 * clears the field and hands nothing on. Ids: {@code #prompt-reason}, {@code #prompt-password},
 * {@code #prompt-confirm}, {@code #prompt-cancel}.
 */
public final class PasswordPrompt {

    private PasswordPrompt() {
    }

    /**
     * Shows the dialog over {@code owner} and returns at once; {@code onPassword} runs on the FX thread with what
     * was typed when the listener confirms, {@code onCancel} when they do not.
     */
    public static void ask(Window owner, I18n i18n, String reason, String confirmText, Consumer<char[]> onPassword,
                           Runnable onCancel) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(i18n.get("prompt.title"));
        ButtonType confirm = new ButtonType(confirmText, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(i18n.get("track.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(confirm, cancel);
        Label text = new Label(reason);
        text.setWrapText(true);
        text.setMaxWidth(420);
        text.setId("prompt-reason");
        PasswordField password = new PasswordField();
        password.setPromptText(i18n.get("onboarding.password"));
        password.setAccessibleText(i18n.get("onboarding.password"));
        password.setId("prompt-password");
        dialog.getDialogPane().setContent(new VBox(10, text, password));
        dialog.getDialogPane().lookupButton(confirm).setId("prompt-confirm");
        dialog.getDialogPane().lookupButton(cancel).setId("prompt-cancel");
        dialog.getDialogPane().setId("password-prompt");
        dialog.setOnShown(e -> password.requestFocus());
        dialog.setResultConverter(button -> button);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == confirm && !password.getCharacters().isEmpty()) {
                onPassword.accept(PasswordFields.take(password));
            } else {
                password.clear();
                onCancel.run();
            }
        });
        dialog.show();
    }
}
