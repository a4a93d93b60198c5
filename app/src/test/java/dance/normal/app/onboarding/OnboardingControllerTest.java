package dance.normal.app.onboarding;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeSession;
import dance.normal.app.session.Gate;
import dance.normal.app.session.SignIn;
import dance.normal.app.session.SignedInSession;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.api.UnreachableException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First run against a sign-in that answers from memory: no server, no wallet. */
class OnboardingControllerTest {

    @TempDir
    Path dataDir;
    private final Background background = new Background();
    private final Accounts accounts = new Accounts();
    private final List<SignedInSession> signedIn = new CopyOnWriteArrayList<>();
    private OnboardingController screen;

    /** Remembers what it was asked, and answers with a fake session or {@link #failure}. */
    private static final class Accounts implements SignIn {
        final List<String> asked = new CopyOnWriteArrayList<>();
        final Gate gate = new Gate();
        volatile RuntimeException failure;

        @Override
        public SignedInSession signUp(String email, char[] password) {
            return answer("sign up " + email + " " + new String(password));
        }

        @Override
        public SignedInSession signUpArtist(String email, char[] password, String artistName) {
            return answer("sign up artist " + artistName + " " + email + " " + new String(password));
        }

        @Override
        public SignedInSession signIn(String email, char[] password) {
            return answer("sign in " + email + " " + new String(password));
        }

        private SignedInSession answer(String call) {
            asked.add(call);
            gate.pass();
            if (failure != null) {
                throw failure;
            }
            return new FakeSession();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        screen = Fx.call(() -> new OnboardingController(accounts, URI.create("https://music.example.com"),
                new CertificatePins(dataDir.resolve("pins.properties")), background, ENGLISH, signedIn::add,
                server -> { }));
        Fx.show(screen.view());
    }

    @AfterEach
    void tearDown() {
        signedIn.forEach(SignedInSession::close);
        background.close();
    }

    @Test
    void creatingAnAccountDisablesTheButtonUntilTheSessionArrives() throws Exception {
        accounts.gate.close();
        fill("ana@example.com", "correct horse");
        Fx.run(() -> submit().fire());

        Fx.await("asked", () -> accounts.asked.size() == 1);
        assertThat(Fx.call(() -> submit().isDisabled())).as("the button while it works").isTrue();
        assertThat(Fx.call(() -> screen.model().working.get())).isTrue();
        assertThat(Fx.call(() -> Fx.<PasswordField>find(screen.view(), "password").getText()))
                .as("the password left the field").isEmpty();
        accounts.gate.open();

        Fx.await("signed in", () -> signedIn.size() == 1);
        assertThat(accounts.asked).containsExactly("sign up ana@example.com correct horse");
        assertThat(Fx.call(() -> submit().isDisabled())).isFalse();
    }

    @Test
    void signingInWhileTheServerIsAwaySaysSoAndKeepsTheEmail() throws Exception {
        Fx.run(() -> Fx.<Hyperlink>find(screen.view(), "toggle").fire());
        assertThat(Fx.call(() -> submit().getText())).isEqualTo("Sign in");
        accounts.failure = new UnreachableException("connect timed out", null);
        fill("ana@example.com", "correct horse");
        Fx.run(() -> submit().fire());

        Fx.await("the sentence", () -> !error().isEmpty());
        assertThat(Fx.call(this::error))
                .isEqualTo("The Normal Dance server cannot be reached. Check your connection and try again.");
        assertThat(accounts.asked).containsExactly("sign in ana@example.com correct horse");
        assertThat(Fx.call(() -> Fx.<TextField>find(screen.view(), "email").getText())).isEqualTo("ana@example.com");
        assertThat(Fx.call(() -> submit().isDisabled())).isFalse();
        assertThat(signedIn).isEmpty();
    }

    @Test
    void anEmptyFormAsksForBothWithoutAskingAnyone() {
        fill("  ", "");
        Fx.run(() -> submit().fire());
        assertThat(Fx.call(this::error)).isEqualTo("Enter your email and a password.");
        assertThat(accounts.asked).isEmpty();
    }

    @Test
    void aFormWithoutAnEmailKeepsThePasswordInItsFieldAndNowhereElse() {
        fill("  ", "correct horse");
        Fx.run(() -> submit().fire());
        assertThat(Fx.call(() -> screen.model().error.get())).isEqualTo("Enter your email and a password.");
        assertThat(Fx.call(() -> screen.model().working.get())).isFalse();
        assertThat(Fx.call(() -> Fx.<PasswordField>find(screen.view(), "password").getText()))
                .as("still typed, to finish the form").isEqualTo("correct horse");
        assertThat(accounts.asked).isEmpty();
    }

    /** "I make music" with a name signs up an artist's account with that name (the name without its spaces). */
    @Test
    void iMakeMusicSignsUpAnArtistWithTheirName() throws Exception {
        assertThat(Fx.call(() -> Fx.find(screen.view(), "signup-artist-name").isVisible())).as("until chosen")
                .isFalse();
        Fx.run(() -> Fx.<CheckBox>find(screen.view(), "make-music").fire());
        assertThat(Fx.call(() -> Fx.find(screen.view(), "signup-artist-name").isVisible())).isTrue();
        fill("ada@example.com", "correct horse");
        Fx.run(() -> Fx.<TextField>find(screen.view(), "signup-artist-name").setText("  Ada Lovelace Trio "));
        Fx.run(() -> submit().fire());

        Fx.await("signed in", () -> signedIn.size() == 1);
        assertThat(accounts.asked).containsExactly("sign up artist Ada Lovelace Trio ada@example.com correct horse");
    }

    @Test
    void anArtistWithoutANameIsAskedForOneAndThePasswordStaysInItsField() {
        Fx.run(() -> Fx.<CheckBox>find(screen.view(), "make-music").fire());
        fill("ada@example.com", "correct horse");
        Fx.run(() -> submit().fire());
        assertThat(Fx.call(this::error)).isEqualTo("Enter your artist name (up to 200 characters).");
        assertThat(Fx.call(() -> Fx.<PasswordField>find(screen.view(), "password").getText()))
                .isEqualTo("correct horse");
        assertThat(accounts.asked).isEmpty();
    }

    /** The choice belongs to creating an account: signing in with it left ticked signs in, as anyone. */
    @Test
    void signingInIgnoresTheArtistChoice() throws Exception {
        Fx.run(() -> Fx.<CheckBox>find(screen.view(), "make-music").fire());
        Fx.run(() -> Fx.<Hyperlink>find(screen.view(), "toggle").fire());
        assertThat(Fx.call(() -> Fx.find(screen.view(), "make-music").isVisible())).isFalse();
        assertThat(Fx.call(() -> Fx.find(screen.view(), "signup-artist-name").isVisible())).isFalse();
        fill("ada@example.com", "correct horse");
        Fx.run(() -> submit().fire());

        Fx.await("signed in", () -> signedIn.size() == 1);
        assertThat(accounts.asked).containsExactly("sign in ada@example.com correct horse");
    }

    /** The artist's choice in Russian: the words come from the bundle. */
    @Test
    void theArtistChoiceSpeaksRussian() throws Exception {
        OnboardingController russian = Fx.call(() -> new OnboardingController(accounts,
                URI.create("https://music.example.com"), new CertificatePins(dataDir.resolve("pins.properties")),
                background, new I18n(java.util.Locale.forLanguageTag("ru")), signedIn::add, server -> { }));
        assertThat(Fx.call(() -> Fx.<CheckBox>find(russian.view(), "make-music").getText()))
                .isEqualTo("Я делаю музыку (аккаунт артиста)");
    }

    private void fill(String email, String password) {
        Fx.run(() -> {
            Fx.<TextField>find(screen.view(), "email").setText(email);
            Fx.<PasswordField>find(screen.view(), "password").setText(password);
        });
    }

    private Button submit() {
        return Fx.find(screen.view(), "submit");
    }

    private String error() {
        return Fx.<Label>find(screen.view(), "error").getText();
    }
}
