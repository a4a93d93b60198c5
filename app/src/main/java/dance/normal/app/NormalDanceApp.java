package dance.normal.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dance.normal.app.onboarding.OnboardingController;
import dance.normal.app.session.SessionOpener;
import dance.normal.app.session.SignedInSession;
import dance.normal.app.shell.ShellController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Browser;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The desktop app: onboarding until someone is signed in, then the shell. Theme (light, dark, or following the OS)
 * and language (English, Russian) come from the listener's settings, and change at once when they change them:
 * the window is rebuilt in the new language around the same session, so nothing stops playing.
 */
public final class NormalDanceApp extends Application {

    private static final long DEMO_TOP_UP_MICROS = 25_000_000;
    private static final String SETTINGS = "settings.properties";
    /** Set by UI tests before launch to see the pages the app opens; otherwise the system's browser. */
    static volatile Browser browserForTests;
    private final Background background = new Background();
    private AppConfig config;
    private Path prefsFile;
    private AppPrefs prefs;
    private SignedInSession session;
    /** Held here: views bind to models with weak bidirectional bindings, so a controller must stay reachable. */
    private OnboardingController onboarding;
    private ShellController shell;
    private boolean studioOpened;
    private Stage stage;
    private I18n i18n;
    /**
     * One request per server (FX thread): a session that arrives from a sign-in or resume begun before the latest
     * server switch belongs to the server left behind, and is closed instead of shown.
     */
    private final Latest sessions = new Latest(background);
    /** The settings still to write; written one at a time, the latest wins. */
    private final AtomicReference<AppPrefs> unsaved = new AtomicReference<>();

    /** On the launcher thread, before the first frame: reading the settings file is fine here. */
    @Override
    public void init() {
        config = AppConfig.from(getParameters().getRaw(),
                dataDir -> AppPrefs.load(dataDir.resolve(SETTINGS)).server());
        prefsFile = config.dataDir().resolve(SETTINGS);
        prefs = AppPrefs.load(prefsFile);
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        applyTheme();
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, scheme) -> applyTheme());
        i18n = new I18n(prefs.locale());
        onboarding = onboarding();
        primary.setTitle(i18n.get("app.title"));
        primary.setScene(new Scene(waiting(), 1100, 720));
        // Stay signed in across restarts: the saved session, if it still works, else the first-run screen.
        // ./nd demo: with no saved session, a demo listener with money to spend; ./nd demo --artist: the demo artist.
        AppConfig starting = config;
        Latest.Ticket at = sessions.current();
        SessionOpener opener = opener(starting);
        background.run(() -> opener.resume().or(() -> starting.demoArtist() != null
                ? Optional.of(opener.demoArtist(starting.demoArtist())) : starting.demo()
                ? Optional.of(opener.demoListener(DEMO_TOP_UP_MICROS)) : Optional.empty()),
                resumed -> resumed.ifPresentOrElse(s -> arrived(at, s), () -> noSession(at)),
                error -> noSession(at));
        primary.show();
    }

    private static StackPane waiting() {
        StackPane waiting = new StackPane(new ProgressIndicator());
        waiting.setId("starting");
        return waiting;
    }

    private OnboardingController onboarding() {
        Latest.Ticket at = sessions.current();
        return new OnboardingController(opener(config), config.server(), SessionOpener.pins(config.dataDir()),
                background, i18n, s -> arrived(at, s), this::switchServer);
    }

    private static SessionOpener opener(AppConfig config) {
        return new SessionOpener(config.server(), config.dataDir());
    }

    /** A session from a sign-in or resume begun at {@code at}: shown, unless the server changed since. */
    private void arrived(Latest.Ticket at, SignedInSession s) {
        if (!at.current()) {
            closeLater(s);
        } else {
            signedIn(s);
        }
    }

    private void noSession(Latest.Ticket at) {
        if (at.current()) {
            showOnboarding();
        }
    }

    private void closeLater(SignedInSession s) {
        background.run(() -> {
            s.close();
            return null;
        }, ok -> { }, error -> { });
    }

    private void applyTheme() {
        boolean dark = prefs.theme().equals("dark") || prefs.theme().equals("system")
                && Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void signedIn(SignedInSession signedIn) {
        if (session != null && session != signedIn) {
            closeLater(session); // never two sessions (players, syncs, stores) at once
        }
        session = signedIn;
        session.downloads().setBudgetBytes(prefs.budgetBytes());
        showShell();
        if (config.demoArtist() != null && !studioOpened) {
            studioOpened = true; // ./nd demo --artist opens on the Studio, once
            shell.openStudio();
        }
        shell.onActivate();
    }

    private void showShell() {
        if (shell != null) {
            shell.close();
        }
        Browser browser = browserForTests != null ? browserForTests : page -> getHostServices().showDocument(
                page.toString());
        shell = new ShellController(session, background, i18n, prefs, this::changePrefs,
                SessionOpener.pins(config.dataDir()), this::switchServer,
                this::signOut, browser);
        stage.getScene().setRoot(shell.view());
        Timings.firstUsableFrame();
    }

    private void showOnboarding() {
        stage.getScene().setRoot(onboarding.view());
        Timings.firstUsableFrame();
    }

    private void changePrefs(AppPrefs next) {
        boolean relabel = !next.language().equals(prefs.language());
        savePrefs(next);
        applyTheme();
        session.downloads().setBudgetBytes(next.budgetBytes());
        if (relabel) {
            i18n = new I18n(next.locale());
            stage.setTitle(i18n.get("app.title"));
            onboarding = onboarding();
            showShell();
            shell.openSettings();
            shell.onActivate();
        }
    }

    private void savePrefs(AppPrefs next) {
        prefs = next;
        unsaved.set(next);
        background.run(() -> {
            synchronized (unsaved) {
                AppPrefs latest = unsaved.getAndSet(null);
                if (latest != null) {
                    latest.save(prefsFile);
                }
            }
            return null;
        }, ok -> { }, error -> { });
    }

    /**
     * Talks to another server from now on (and at the next start). The session here is closed but stays saved:
     * each server has its own, so coming back resumes it. There, the session saved for that server if there is one,
     * else sign up or sign in.
     */
    private void switchServer(URI server) {
        savePrefs(prefs.withServer(server));
        config = config.withServer(server);
        Latest.Ticket at = sessions.begin();
        AppConfig target = config;
        onboarding = onboarding();
        SignedInSession leaving = session;
        session = null;
        if (shell != null) {
            shell.close();
            shell = null;
        }
        stage.getScene().setRoot(waiting());
        background.run(() -> {
            if (leaving != null) {
                leaving.close();
            }
            return opener(target).resume();
        }, resumed -> resumed.ifPresentOrElse(s -> arrived(at, s), () -> noSession(at)), error -> noSession(at));
    }

    /** Signs out on this device (also when the server cannot be reached: the saved session is forgotten). */
    private void signOut() {
        SignedInSession leaving = session;
        session = null;
        shell.close();
        shell = null;
        showOnboarding();
        background.run(() -> {
            try {
                leaving.signOut();
            } finally {
                leaving.close();
            }
            return null;
        }, ok -> { }, error -> { });
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close(); // no more sync or download events into the window
        }
        background.close();
        if (session != null) {
            // The session's last writes (queue, position, tokens) are file I/O: they run on a thread of their own,
            // and the closing window waits for them, so nothing is lost and the FX thread does no I/O.
            Thread closing = Thread.ofVirtual().name("session-close").start(session::close);
            try {
                closing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
