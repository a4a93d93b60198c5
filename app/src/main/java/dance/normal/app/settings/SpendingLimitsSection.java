package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordFields;
import dance.normal.protocol.Money;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.policy.SpendingLimits;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The listener's spending limits, in dollars: per purchase and per day. Purchases within them are signed at once;
 * above them the app asks for the password. Lowering a limit needs nothing, raising one needs the password (the
 * wallet checks it), so whoever finds the app open cannot lift the limits and then spend. The limits are kept
 * beside the listener's wallet ({@code users/<id>/spending.json}); decision 0027.
 */
final class SpendingLimitsSection {

    private final VBox root = new VBox(8);
    private final TextField perPurchase = new TextField();
    private final TextField perDay = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label message = new Label();
    private final Label error = new Label();

    SpendingLimitsSection(WalletService wallet, Background background, I18n i18n) {
        Label title = new Label(i18n.get("settings.limits"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label(i18n.get("settings.limitsHint"));
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        perPurchase.setId("limit-per-purchase");
        perPurchase.setPrefColumnCount(8);
        perPurchase.setAccessibleText(i18n.get("settings.perPurchase"));
        perDay.setId("limit-per-day");
        perDay.setPrefColumnCount(8);
        perDay.setAccessibleText(i18n.get("settings.perDay"));
        password.setId("limits-password");
        password.setPromptText(i18n.get("settings.limitsPassword"));
        password.setAccessibleText(i18n.get("settings.limitsPassword"));
        password.setPrefColumnCount(18);
        Button save = new Button(i18n.get("settings.saveLimits"));
        save.setId("save-limits");
        message.setId("limits-message");
        message.getStyleClass().add(Styles.SUCCESS);
        message.setWrapText(true);
        error.setId("limits-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);

        GridPane grid = new GridPane(12, 8);
        Label purchaseLabel = new Label(i18n.get("settings.perPurchase"));
        purchaseLabel.setLabelFor(perPurchase);
        Label dayLabel = new Label(i18n.get("settings.perDay"));
        dayLabel.setLabelFor(perDay);
        grid.addRow(0, purchaseLabel, perPurchase);
        grid.addRow(1, dayLabel, perDay);
        HBox confirm = new HBox(8, password, save);
        confirm.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(title, hint, grid, confirm, message, error);
        root.setId("spending-limits");

        background.run(wallet::spendingLimits, this::show, e -> error.setText(i18n.sentence(e)));
        save.setOnAction(e -> {
            message.setText("");
            error.setText("");
            SpendingLimits limits;
            try {
                limits = new SpendingLimits(Money.parseDollars(perPurchase.getText()),
                        Money.parseDollars(perDay.getText()));
            } catch (IllegalArgumentException bad) {
                error.setText(i18n.get("settings.badAmount"));
                return;
            }
            char[] typed = password.getCharacters().isEmpty() ? null : PasswordFields.take(password);
            save.setDisable(true);
            background.run(() -> {
                wallet.setSpendingLimits(limits, typed);
                return limits;
            }, saved -> {
                save.setDisable(false);
                show(saved);
                message.setText(i18n.get("settings.limitsSaved", saved.perPurchase().format(),
                        saved.perDay().format()));
            }, failure -> {
                save.setDisable(false);
                error.setText(failure instanceof WalletException w ? switch (w.kind()) {
                    case PASSWORD_REQUIRED -> i18n.get("settings.raiseNeedsPassword");
                    case WRONG_PASSWORD -> i18n.get("settings.wrongPassword");
                    case TOO_MANY_ATTEMPTS -> i18n.get("settings.tooManyAttempts");
                    default -> i18n.sentence(failure);
                } : i18n.sentence(failure));
            });
        });
    }

    private void show(SpendingLimits limits) {
        perPurchase.setText(plain(limits.perPurchase()));
        perDay.setText(plain(limits.perDay()));
    }

    /** "20.00" rather than "$20.00": the field's label says dollars. */
    private static String plain(Money money) {
        return money.format().replace("$", "").replace(",", "");
    }

    Node view() {
        return root;
    }

    /** Leaving Settings forgets a typed password and the last sentence. */
    void onLeave() {
        password.clear();
        message.setText("");
        error.setText("");
    }
}
