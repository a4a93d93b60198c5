package dance.normal.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dance.normal.app.onboarding.OnboardingController;
import dance.normal.app.shell.ShellController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app: onboarding until someone is signed in, then the shell. The theme follows the OS (light or
 * dark) unless {@code -Dnd.theme=light|dark} says otherwise; the language follows the OS (English or Russian)
 * unless {@code -Dnd.lang=en|ru}.
 */
public final class NormalDanceApp extends Application {

    private final Background background = new Background();
    private Session session;
    /** Held here: views bind to models with weak bidirectional bindings, so a controller must stay reachable. */
    private OnboardingController onboarding;
    private ShellController shell;
    private Stage stage;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        AppConfig config = AppConfig.from(getParameters().getRaw());
        applyTheme();
        I18n i18n = new I18n(Locale.forLanguageTag(System.getProperty("nd.lang", Locale.getDefault().getLanguage())));
        onboarding = new OnboardingController(config, background, i18n, signedIn -> {
            session = signedIn;
            shell = new ShellController(signedIn, background, i18n);
            stage.getScene().setRoot(shell.view());
            shell.onActivate();
        });
        primary.setTitle(i18n.get("app.title"));
        primary.setScene(new Scene(onboarding.view(), 1100, 720));
        primary.show();
    }

    private static void applyTheme() {
        String theme = System.getProperty("nd.theme", "");
        boolean dark = theme.equals("dark") || theme.isEmpty()
                && Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        background.close();
        if (session != null) {
            session.close();
        }
    }
}
