package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordFields;
import java.util.function.Predicate;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Spending limits section's widgets: a field per limit, the password to raise one, Save and a sentence. The
 * password leaves its field as a char[] (null when none was typed) handed to {@code onSave}, which answers whether it
 * took it; only then is the field cleared.
 */
final class SpendingLimitsView {

    final VBox root = new VBox(8);

    SpendingLimitsView(SpendingLimitsModel model, I18n i18n, Predicate<char[]> onSave) {
        Label title = new Label(i18n.get("settings.limits"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label(i18n.get("settings.limitsHint"));
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        TextField perPurchase = new TextField();
        perPurchase.textProperty().bindBidirectional(model.perPurchase);
        perPurchase.setId("limit-per-purchase");
        perPurchase.setPrefColumnCount(8);
        perPurchase.setAccessibleText(i18n.get("settings.perPurchase"));
        TextField perDay = new TextField();
        perDay.textProperty().bindBidirectional(model.perDay);
        perDay.setId("limit-per-day");
        perDay.setPrefColumnCount(8);
        perDay.setAccessibleText(i18n.get("settings.perDay"));
        PasswordField password = new PasswordField();
        password.setId("limits-password");
        password.setPromptText(i18n.get("settings.limitsPassword"));
        password.setAccessibleText(i18n.get("settings.limitsPassword"));
        password.setPrefColumnCount(18);
        model.forgetPassword.addListener((obs, old, n) -> password.clear());
        Button save = new Button(i18n.get("settings.saveLimits"));
        save.setId("save-limits");
        save.disableProperty().bind(model.saving);
        save.setOnAction(e -> {
            if (onSave.test(password.getCharacters().isEmpty() ? null : PasswordFields.copy(password))) {
                password.clear();
            }
        });
        Label message = new Label();
        message.textProperty().bind(model.message);
        message.setId("limits-message");
        message.getStyleClass().add(Styles.SUCCESS);
        message.setWrapText(true);
        Label error = new Label();
        error.textProperty().bind(model.error);
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
    }
}
