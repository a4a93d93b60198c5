package dance.normal.app;

import dance.normal.app.onboarding.OnboardingController;
import dance.normal.app.session.FakeSession;
import dance.normal.app.session.SignIn;
import dance.normal.app.session.SignedInSession;
import dance.normal.app.shell.ShellController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.catalog.Artist;
import dance.normal.sync.api.CertificatePins;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The artist's own screens over fakes, saved in both themes and both languages under target/screenshots, to be
 * looked at: "I make music" on the first-run screen, becoming an artist in Settings, and the Studio (its button, its
 * sidebar, the profile).
 */
class ArtistScreenshotsTest {

    @TempDir
    Path dir;
    private final Background background = new Background();
    private final FakeSession session = new FakeSession();

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void tearDown() {
        background.close();
        session.close();
    }

    @Test
    void theArtistsScreensInBothThemesAndLanguages() throws Exception {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.of("ru"))) {
            I18n i18n = new I18n(locale);
            String lang = locale.getLanguage();

            OnboardingController onboarding = Fx.call(() -> new OnboardingController(new NoSignIn(),
                    URI.create("https://music.example.com/"), new CertificatePins(dir.resolve("pins")), background,
                    i18n, s -> { }, s -> { }));
            Fx.show(onboarding.view());
            Fx.run(() -> {
                Fx.<TextField>find(onboarding.view(), "email").setText("ada@example.com");
                Fx.<CheckBox>find(onboarding.view(), "make-music").fire();
                Fx.<TextField>find(onboarding.view(), "signup-artist-name").setText("Ada Lovelace Trio");
            });
            Screenshots.saveInBothThemes(scene(), "artist-signup-" + lang);

            session.artist.artist = false;
            session.artist.profile = new Artist("a1", "Ada Lovelace Trio", "Four synths, one room, no overdubs.",
                    null, null);
            ShellController shell = Fx.call(() -> new ShellController(session, background, i18n,
                    new AppPrefs("light", lang, 1L << 30, Optional.empty()), p -> { },
                    new CertificatePins(dir.resolve("pins")), s -> { }, () -> { }, page -> { }));
            Fx.show(shell.view());
            Fx.run(shell::openSettings);
            Fx.run(() -> {
                shell.view().applyCss(); // the scroll pane's skin, which holds the settings, is made here
                shell.view().layout();
                Node section = shell.view().lookup("#artist-account");
                ScrollPane scroll = shell.view().lookupAll(".scroll-pane").stream()
                        .filter(n -> n instanceof ScrollPane p && p.getContent() != null
                                && "settings".equals(p.getContent().getId()))
                        .map(ScrollPane.class::cast).findFirst().orElseThrow();
                scrollTo(scroll, section);
                ((TextField) section.lookup("#become-artist-name")).setText("Ada Lovelace Trio");
            });
            Screenshots.saveInBothThemes(scene(), "artist-become-" + lang);

            Fx.run(() -> ((Button) shell.view().lookup("#become-artist")).fire());
            Fx.await("the Studio", () -> shell.view().lookup("#studio-sidebar") != null);
            Fx.run(() -> ((ButtonBase) shell.view().lookup("#studio-nav-profile")).fire());
            Fx.await("the profile", () -> shell.view().lookup("#profile-name") instanceof TextField t
                    && t.getText().equals("Ada Lovelace Trio"));
            Screenshots.saveInBothThemes(scene(), "studio-profile-" + lang);
            Fx.run(shell::close);
        }
    }

    private static javafx.scene.Scene scene() throws Exception {
        return FxToolkit.registerPrimaryStage().getScene();
    }

    private static void scrollTo(ScrollPane scroll, Node node) {
        scroll.applyCss();
        scroll.layout();
        Bounds content = scroll.getContent().getLayoutBounds();
        Bounds at = scroll.getContent().sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double room = content.getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (at.getMinY() - 16) / room)));
    }

    /** Nobody signs up here: the first-run screen is only looked at. */
    private static final class NoSignIn implements SignIn {
        @Override
        public SignedInSession signUp(String email, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SignedInSession signUpArtist(String email, char[] password, String artistName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SignedInSession signIn(String email, char[] password) {
            throw new UnsupportedOperationException();
        }
    }
}
