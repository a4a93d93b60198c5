package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.AppPrefs;
import dance.normal.app.session.Account;
import dance.normal.app.session.DeviceService;
import dance.normal.app.session.WalletService;
import dance.normal.app.nav.Screen;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordFields;
import dance.normal.app.ui.ServerField;
import dance.normal.sync.api.CertificatePins;
import dance.normal.player.Player;
import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.wallet.WalletException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
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
 * Theme, language (both apply at once), download budget, the equalizer, the server, the account with sign out,
 * the recovery phrase behind the account password, and the account's devices ({@link DevicesSection}). The phrase
 * is shown as words only while this screen is open; leaving it clears them, and the characters read from the
 * wallet are wiped as soon as they are shown.
 */
public final class SettingsController implements Screen {

    private static final List<Long> BUDGETS_GB = List.of(1L, 2L, 4L, 8L, 16L, 32L);
    private static final long GB = 1024L * 1024 * 1024;

    private final VBox root = new VBox(14);
    private final ScrollPane scroll = new ScrollPane(root);
    private final FlowPane phrase = new FlowPane(8, 8);
    private final PasswordField password = new PasswordField();
    private final Label phraseError = new Label();
    private final DevicesSection devices;
    private final SpendingLimitsSection limits;
    /** The settings as last changed here: each change starts from the one before. */
    private AppPrefs prefs;

    public SettingsController(Account account, WalletService wallet, DeviceService deviceService, Player player,
                              Background background, I18n i18n, AppPrefs prefs,
                              Consumer<AppPrefs> onChange, CertificatePins pins, Consumer<URI> onServer,
                              Runnable onSignOut) {
        this.prefs = prefs;
        ComboBox<String> theme = new ComboBox<>();
        theme.getItems().addAll("system", "light", "dark");
        theme.setConverter(words(i18n, "settings.theme."));
        theme.setValue(prefs.theme());
        theme.setOnAction(e -> change(this.prefs.withTheme(theme.getValue()), onChange));
        theme.setId("theme");
        ComboBox<String> language = new ComboBox<>();
        language.getItems().addAll("en", "ru");
        language.setConverter(words(i18n, "settings.language."));
        language.setValue(prefs.language());
        language.setOnAction(e -> change(this.prefs.withLanguage(language.getValue()), onChange));
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
        budget.setValue(Math.max(1, prefs.budgetBytes() / GB));
        budget.setOnAction(e -> change(this.prefs.withBudget(budget.getValue() * GB), onChange));
        budget.setId("budget");

        ComboBox<String> equalizer = new ComboBox<>();
        equalizer.getItems().add(i18n.get("settings.equalizer.off"));
        List<EqualizerPreset> presets = player.equalizerPresets();
        presets.forEach(p -> equalizer.getItems().add(p.name()));
        EqualizerSettings eq = player.preferences().equalizer();
        equalizer.setValue(eq.enabled() ? eq.preset() : equalizer.getItems().getFirst());
        equalizer.setOnAction(e -> {
            int chosen = equalizer.getSelectionModel().getSelectedIndex();
            EqualizerSettings now = player.preferences().equalizer();
            player.setEqualizer(chosen <= 0 ? now.withEnabled(false)
                    : now.withPreset(presets.get(chosen - 1)));
        });
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
        ServerField server = new ServerField(account.server(), background, i18n, pins, onServer);
        server.view().getChildren().add(serverHint);
        row(grid, 4, i18n.get("settings.server"), server.view());
        row(grid, 5, i18n.get("settings.account"), new Label(account.email()));
        Label address = new Label(wallet.walletAddress());
        address.getStyleClass().add(Styles.TEXT_MUTED);
        address.setId("wallet-address");
        row(grid, 6, i18n.get("settings.wallet"), address);

        Button signOut = new Button(i18n.get("settings.signOut"));
        signOut.getStyleClass().add(Styles.DANGER);
        signOut.setId("sign-out");
        signOut.setOnAction(e -> onSignOut.run());

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
        phraseError.getStyleClass().add(Styles.DANGER);
        phraseError.setId("phrase-error");
        phrase.setId("phrase");
        phrase.setPrefWrapLength(520);
        show.setOnAction(e -> {
            char[] typed = PasswordFields.take(password);
            phraseError.setText("");
            background.run(() -> wallet.recoveryPhrase(typed), this::showPhrase, error -> {
                phraseError.setText(error instanceof WalletException w
                        && w.kind() == WalletException.Kind.TOO_MANY_ATTEMPTS
                        ? i18n.get("settings.tooManyAttempts") : i18n.get("settings.wrongPassword"));
            });
        });
        HBox ask = new HBox(8, password, show);
        ask.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(title(i18n.get("nav.settings")), grid, signOut, new Separator(), backupTitle);
        if (account.isDemoListener()) {
            // Its password was made at random and never shown: there is nothing to unlock the phrase with.
            backupHint.setText(i18n.get("settings.demoNoPhrase"));
            backupHint.setId("demo-no-phrase");
            root.getChildren().add(backupHint);
        } else {
            root.getChildren().addAll(backupHint, ask, phraseError, phrase);
        }
        limits = new SpendingLimitsSection(wallet, background, i18n);
        root.getChildren().addAll(new Separator(), limits.view());
        devices = new DevicesSection(deviceService, background, i18n);
        root.getChildren().addAll(new Separator(), devices.view());
        root.setPadding(new Insets(16));
        root.setId("settings");
        scroll.setFitToWidth(true);
    }

    private void change(AppPrefs next, Consumer<AppPrefs> onChange) {
        prefs = next;
        onChange.accept(next);
    }

    /** Shows the words numbered, then wipes the characters. */
    private void showPhrase(char[] words) {
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

    /** Showing the screen reads the account's devices again (one may have been added elsewhere). */
    @Override
    public void onActivate() {
        devices.load();
    }

    /** Leaving the screen hides the phrase. */
    @Override
    public void onDeactivate() {
        phrase.getChildren().clear();
        password.clear();
        phraseError.setText("");
        limits.onLeave();
    }

    @Override
    public Parent view() {
        return scroll;
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
