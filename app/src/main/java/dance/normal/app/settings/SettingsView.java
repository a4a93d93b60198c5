package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordFields;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Settings: theme, language, budget, equalizer, the server, the account and sign out; the recovery phrase behind
 * the password (not for the demo listener); then the spending limits' and the devices' sections.
 */
final class SettingsView {

    /** What the screen asks of its controller. */
    interface Actions {
        void onTheme(String theme);

        void onLanguage(String language);

        void onBudget(long gb);

        void onEqualizer(int index);

        void onSignOut();

        /** The password typed to see the phrase (the field is emptied; the caller wipes the characters). */
        void onShowPhrase(char[] password);
    }

    static final List<Long> BUDGETS_GB = List.of(1L, 2L, 4L, 8L, 16L, 32L);
    private final VBox root = new VBox(14);
    final ScrollPane scroll = new ScrollPane(root);
    private final FlowPane phrase = new FlowPane(8, 8);
    private final PasswordField password = new PasswordField();

    /**
     * @param server   the server field (it checks a server itself)
     * @param sections the spending limits' and the devices' sections, below
     */
    SettingsView(SettingsModel model, I18n i18n, boolean demo, VBox server, Actions actions, Node... sections) {
        ComboBox<String> theme = new ComboBox<>();
        theme.getItems().addAll("system", "light", "dark");
        theme.setConverter(words(i18n, "settings.theme."));
        theme.setValue(model.theme.get());
        theme.setOnAction(e -> actions.onTheme(theme.getValue()));
        theme.setId("theme");
        ComboBox<String> language = new ComboBox<>();
        language.getItems().addAll("en", "ru");
        language.setConverter(words(i18n, "settings.language."));
        language.setValue(model.language.get());
        language.setOnAction(e -> actions.onLanguage(language.getValue()));
        language.setId("language");
        ComboBox<Long> budget = new ComboBox<>();
        budget.getItems().addAll(BUDGETS_GB);
        budget.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long gb) {
                return gb == null ? "" : i18n.get("settings.gb", gb);
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        budget.setValue(model.budgetGb.get());
        budget.setOnAction(e -> actions.onBudget(budget.getValue()));
        budget.setId("budget");

        ComboBox<String> equalizer = new ComboBox<>(model.equalizers);
        equalizer.setValue(model.equalizers.get(model.equalizer.get()));
        equalizer.setOnAction(e -> actions.onEqualizer(equalizer.getSelectionModel().getSelectedIndex()));
        equalizer.setId("equalizer");

        GridPane grid = new GridPane(16, 10);
        row(grid, 0, i18n.get("settings.theme"), theme);
        row(grid, 1, i18n.get("settings.language"), language);
        row(grid, 2, i18n.get("settings.budget"), budget);
        row(grid, 3, i18n.get("settings.equalizer"), equalizer);
        Label serverHint = new Label(i18n.get("settings.serverHint"));
        serverHint.setWrapText(true);
        serverHint.setMaxWidth(520);
        serverHint.getStyleClass().add(Styles.TEXT_MUTED);
        server.getChildren().add(serverHint);
        row(grid, 4, i18n.get("settings.server"), server);
        Label email = new Label();
        email.textProperty().bind(model.email);
        row(grid, 5, i18n.get("settings.account"), email);
        Label address = new Label();
        address.textProperty().bind(model.walletAddress);
        address.getStyleClass().add(Styles.TEXT_MUTED);
        address.setId("wallet-address");
        row(grid, 6, i18n.get("settings.wallet"), address);

        Button signOut = new Button(i18n.get("settings.signOut"));
        signOut.getStyleClass().add(Styles.DANGER);
        signOut.setId("sign-out");
        signOut.setOnAction(e -> actions.onSignOut());

        Label backupTitle = title(i18n.get("settings.backup"));
        Label backupHint = new Label(i18n.get("settings.backupHint"));
        backupHint.setWrapText(true);
        backupHint.getStyleClass().add(Styles.TEXT_MUTED);
        password.setPromptText(i18n.get("onboarding.password"));
        password.setAccessibleText(i18n.get("onboarding.password"));
        password.setId("backup-password");
        password.setPrefColumnCount(18);
        Button show = new Button(i18n.get("settings.showPhrase"));
        show.setId("show-phrase");
        Label phraseError = new Label();
        phraseError.textProperty().bind(model.phraseError);
        phraseError.getStyleClass().add(Styles.DANGER);
        phraseError.setId("phrase-error");
        phrase.setId("phrase");
        phrase.setPrefWrapLength(520);
        show.setOnAction(e -> actions.onShowPhrase(PasswordFields.take(password)));
        HBox ask = new HBox(8, password, show);
        ask.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(title(i18n.get("nav.settings")), grid, signOut, new Separator(), backupTitle);
        if (demo) {
            // Its password was made at random and never shown: there is nothing to unlock the phrase with.
            backupHint.setText(i18n.get("settings.demoNoPhrase"));
            backupHint.setId("demo-no-phrase");
            root.getChildren().add(backupHint);
        } else {
            root.getChildren().addAll(backupHint, ask, phraseError, phrase);
        }
        for (Node section : sections) {
            root.getChildren().addAll(new Separator(), section);
        }
        root.setPadding(new Insets(16));
        root.setId("settings");
        scroll.setFitToWidth(true);
    }

    /** Shows the words numbered, then wipes the characters (they never sit in the model). */
    void showPhrase(char[] words) {
        try {
            phrase.getChildren().clear();
            int n = 1;
            int start = 0;
            for (int i = 0; i <= words.length; i++) {
                if (i == words.length || words[i] == ' ') {
                    if (i > start) {
                        Label word = new Label(n++ + ". " + new String(words, start, i - start));
                        word.getStyleClass().addAll(Styles.TEXT_BOLD);
                        word.setMinWidth(120);
                        phrase.getChildren().add(word);
                    }
                    start = i + 1;
                }
            }
        } finally {
            Arrays.fill(words, '\0');
        }
    }

    /** Hides the phrase and forgets a typed password. */
    void clearPhrase() {
        phrase.getChildren().clear();
        password.clear();
    }

    private static void row(GridPane grid, int row, String name, Node control) {
        Label label = new Label(name);
        label.setLabelFor(control);
        grid.addRow(row, label, control);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_3);
        return l;
    }

    private static StringConverter<String> words(I18n i18n, String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : i18n.get(prefix + value);
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        };
    }
}
