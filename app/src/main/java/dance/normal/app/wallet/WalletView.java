package dance.normal.app.wallet;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Balance, add money, the tokens held and the history. */
final class WalletView {

    final VBox root = new VBox(12);

    WalletView(WalletModel model, I18n i18n, Runnable onTopUp) {
        Label caption = new Label(i18n.get("wallet.balance"));
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        Label balance = new Label();
        balance.textProperty().bind(model.balance);
        balance.getStyleClass().add(Styles.TITLE_1);
        balance.setId("balance");
        Label earnings = new Label();
        earnings.textProperty().bind(model.earnings);
        earnings.getStyleClass().add(Styles.TEXT_MUTED);
        earnings.setId("earnings");

        ComboBox<String> amount = new ComboBox<>();
        amount.getItems().addAll("5", "10", "20", "50", "100");
        amount.valueProperty().bindBidirectional(model.amount);
        amount.setAccessibleText(i18n.get("wallet.addMoney"));
        amount.setId("amount");
        TextField card = new TextField();
        card.textProperty().bindBidirectional(model.card);
        card.setPromptText(i18n.get("wallet.cardPrompt"));
        card.setAccessibleText(i18n.get("wallet.card"));
        card.setPrefColumnCount(30);
        card.setId("card");
        Button add = new Button(i18n.get("wallet.addMoney"));
        add.getStyleClass().add(Styles.ACCENT);
        add.setId("add-money");
        add.setOnAction(e -> onTopUp.run());
        add.disableProperty().bind(model.working);
        ProgressIndicator following = new ProgressIndicator();
        following.setPrefSize(22, 22);
        following.setId("topup-progress");
        following.setAccessibleText(i18n.get("wallet.following"));
        following.visibleProperty().bind(model.following);
        following.managedProperty().bind(model.following);
        HBox topUp = new HBox(8, new Label("$"), amount, card, add, following);
        topUp.setAlignment(Pos.CENTER_LEFT);
        Label message = sentence(model.message, Styles.SUCCESS, "wallet-message");
        // While a top-up goes on (queued, or waiting on Stripe's page) its sentence says where it stands; only one
        // that went through is shown as a success.
        model.following.subscribe(going -> {
            if (going) {
                message.getStyleClass().remove(Styles.SUCCESS);
            } else if (!message.getStyleClass().contains(Styles.SUCCESS)) {
                message.getStyleClass().add(Styles.SUCCESS);
            }
        });
        Label error = sentence(model.error, Styles.DANGER, "wallet-error");
        Label asOf = sentence(model.asOf, Styles.WARNING, "wallet-as-of");

        Label holdingsTitle = new Label(i18n.get("wallet.holdings"));
        holdingsTitle.getStyleClass().add(Styles.TITLE_4);
        ListView<String> holdings = new ListView<>(model.holdings);
        holdings.setPrefHeight(140);
        holdings.setMinHeight(110);
        holdings.setId("holdings");
        holdings.setAccessibleText(i18n.get("wallet.holdings"));
        holdings.setPlaceholder(new Label(i18n.get("wallet.noHoldings")));
        Label historyTitle = new Label(i18n.get("wallet.history"));
        historyTitle.getStyleClass().add(Styles.TITLE_4);
        ListView<String> history = new ListView<>(model.history);
        history.setId("history");
        history.setAccessibleText(i18n.get("wallet.history"));
        history.setPlaceholder(new Label(i18n.get("wallet.noHistory")));
        history.setMinHeight(120);
        VBox.setVgrow(history, Priority.ALWAYS);

        root.getChildren().addAll(caption, balance, earnings, topUp, message, error, asOf, holdingsTitle, holdings,
                historyTitle, history);
        root.setPadding(new Insets(16));
        root.setId("wallet");
    }

    /** A line that says {@code text} in {@code style}, and takes no room while there is nothing to say. */
    private static Label sentence(StringProperty text, String style, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setId(id);
        l.managedProperty().bind(text.isNotEmpty());
        return l;
    }
}
