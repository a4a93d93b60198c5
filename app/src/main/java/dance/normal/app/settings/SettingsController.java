package dance.normal.app.settings;

import dance.normal.app.AppPrefs;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.Account;
import dance.normal.app.session.ArtistService;
import dance.normal.app.session.DeviceService;
import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.ServerField;
import dance.normal.player.Player;
import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.sync.api.CertificatePins;
import dance.normal.wallet.WalletException;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * Theme, language (both apply at once), download budget, the equalizer, the server, the account with sign out,
 * the recovery phrase behind the account password, becoming an artist ({@link ArtistAccountSection}), the spending
 * limits ({@link SpendingLimitsSection}) and the
 * account's devices ({@link DevicesSection}). The phrase is shown as words only while this screen is open; leaving
 * it clears them, and the characters read from the wallet are wiped as soon as they are shown.
 */
public final class SettingsController implements Screen {

    private static final long GB = 1024L * 1024 * 1024;

    private final SettingsModel model = new SettingsModel();
    private final SettingsView view;
    private final SettingsView.Actions actions;
    private final DevicesSection devices;
    private final SpendingLimitsSection limits;
    private final ArtistAccountSection artistAccount;
    /** The settings as last changed here: each change starts from the one before. */
    private AppPrefs prefs;

    /** @param openStudio shows the Studio (a listener just became an artist, or an artist asks for it) */
    public SettingsController(Account account, WalletService wallet, DeviceService deviceService, ArtistService artist,
                              Player player, Background background, I18n i18n, AppPrefs prefs,
                              Consumer<AppPrefs> onChange, CertificatePins pins, Consumer<URI> onServer,
                              Runnable onSignOut, Runnable openStudio) {
        this.prefs = prefs;
        model.theme.set(prefs.theme());
        model.language.set(prefs.language());
        model.budgetGb.set(Math.max(1, prefs.budgetBytes() / GB));
        model.equalizers.add(i18n.get("settings.equalizer.off"));
        List<EqualizerPreset> presets = player.equalizerPresets();
        presets.forEach(p -> model.equalizers.add(p.name()));
        EqualizerSettings eq = player.preferences().equalizer();
        model.equalizer.set(eq.enabled() ? Math.max(0, model.equalizers.indexOf(eq.preset())) : 0);
        model.email.set(account.email());
        model.walletAddress.set(wallet.walletAddress());
        limits = new SpendingLimitsSection(wallet, background, i18n);
        devices = new DevicesSection(deviceService, background, i18n);
        artistAccount = new ArtistAccountSection(artist, background, i18n, openStudio);
        ServerField server = new ServerField(account.server(), background, i18n, pins, onServer);
        actions = new SettingsView.Actions() {
            @Override
            public void onTheme(String theme) {
                change(SettingsController.this.prefs.withTheme(theme), onChange);
            }

            @Override
            public void onLanguage(String language) {
                change(SettingsController.this.prefs.withLanguage(language), onChange);
            }

            @Override
            public void onBudget(long gb) {
                change(SettingsController.this.prefs.withBudget(gb * GB), onChange);
            }

            @Override
            public void onEqualizer(int chosen) {
                model.equalizer.set(Math.max(0, chosen));
                EqualizerSettings now = player.preferences().equalizer();
                player.setEqualizer(chosen <= 0 ? now.withEnabled(false) : now.withPreset(presets.get(chosen - 1)));
            }

            @Override
            public void onSignOut() {
                onSignOut.run();
            }

            @Override
            public void onShowPhrase(char[] typed) {
                model.phraseError.set("");
                background.run(() -> wallet.recoveryPhrase(typed), words -> SettingsController.this.view
                        .showPhrase(words), error -> {
                    model.phraseError.set(error instanceof WalletException w
                            && w.kind() == WalletException.Kind.TOO_MANY_ATTEMPTS
                            ? i18n.get("settings.tooManyAttempts") : i18n.get("settings.wrongPassword"));
                });
            }
        };
        view = new SettingsView(model, i18n, account.isDemoListener(), server.view(), actions,
                artistAccount.view(), limits.view(), devices.view());
    }

    private void change(AppPrefs next, Consumer<AppPrefs> onChange) {
        prefs = next;
        onChange.accept(next);
    }

    SettingsModel model() {
        return model;
    }

    ArtistAccountSection artistAccount() {
        return artistAccount;
    }

    SettingsView.Actions actions() {
        return actions;
    }

    /** Showing the screen reads the account's devices again (one may have been added elsewhere). */
    @Override
    public void onActivate() {
        devices.load();
        artistAccount.refresh();
    }

    /** Leaving the screen hides the phrase. */
    @Override
    public void onDeactivate() {
        view.clearPhrase();
        model.phraseError.set("");
        limits.onLeave();
    }

    @Override
    public Parent view() {
        return view.scroll;
    }
}
