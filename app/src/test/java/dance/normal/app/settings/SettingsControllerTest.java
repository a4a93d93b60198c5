package dance.normal.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.AppPrefs;
import dance.normal.app.session.FakeSession;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.api.UnreachableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings screen's own choices against a session of fakes; the test's thread stands in for the FX thread. */
class SettingsControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private final FakeSession session = new FakeSession();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private final List<AppPrefs> changed = new CopyOnWriteArrayList<>();
    private SettingsController settings;
    private final AtomicInteger studioOpened = new AtomicInteger();

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp(@TempDir Path dir) {
        settings = new SettingsController(session.account(), session.wallet, session.devices, session.artist,
                session.player(), background, ENGLISH, new AppPrefs("light", "en", 4L << 30, Optional.empty()),
                changed::add, new CertificatePins(dir.resolve("pins.json")), server -> { }, () -> { },
                studioOpened::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        background.close();
        session.close();
    }

    @Test
    void itShowsTheChoicesAsTheyStandAndWhoIsSignedIn() {
        assertThat(settings.model().theme.get()).isEqualTo("light");
        assertThat(settings.model().budgetGb.get()).isEqualTo(4L);
        assertThat(settings.model().equalizer.get()).isZero();
        assertThat(settings.model().email.get()).isEqualTo(session.account().email());
        assertThat(settings.model().walletAddress.get()).isEqualTo(session.wallet.walletAddress());
    }

    /** Each change starts from the one before: a new budget keeps the theme just chosen. */
    @Test
    void eachChangeStartsFromTheOneBefore() {
        settings.actions().onTheme("dark");
        settings.actions().onBudget(8);
        assertThat(changed).extracting(AppPrefs::theme).containsExactly("dark", "dark");
        assertThat(changed.getLast().budgetBytes()).isEqualTo(8L << 30);
    }

    @Test
    void aWrongPasswordShowsNoPhraseAndSaysSoUntilTheScreenIsLeft() {
        settings.actions().onShowPhrase("wrong".toCharArray());
        while (settings.model().phraseError.get().isEmpty()) {
            fx.runNext(); // the spending limits' first read may come before
        }
        assertThat(settings.model().phraseError.get()).isEqualTo(ENGLISH.get("settings.wrongPassword"));
        settings.onDeactivate();
        assertThat(settings.model().phraseError.get()).isEmpty();
    }

    /** A listener becomes an artist with the name typed: the account is one at once, and the Studio opens. */
    @Test
    void aListenerBecomesAnArtistAndTheStudioOpens() {
        ArtistAccountModel artist = settings.artistAccount().model();
        assertThat(artist.artist.get()).isFalse();
        assertThat(node("open-studio").isVisible()).isFalse();
        artist.name.set("  Ada Lovelace ");
        this.<Button>node("become-artist").fire();
        assertThat(artist.working.get()).isTrue();
        while (studioOpened.get() == 0) {
            fx.runNext();
        }
        assertThat(session.artist.asked).containsExactly("become Ada Lovelace");
        assertThat(session.artist.isArtist()).isTrue();
        assertThat(artist.artist.get()).isTrue();
        assertThat(artist.working.get()).isFalse();
        assertThat(node("become-artist").getParent().isVisible()).as("the form is gone").isFalse();
        assertThat(node("open-studio").isVisible()).isTrue();
    }

    @Test
    void withoutANameNothingIsAskedAndASentenceSaysWhy() {
        this.<Button>node("become-artist").fire();
        assertThat(settings.artistAccount().model().error.get())
                .isEqualTo("Enter your artist name (up to 200 characters).");
        assertThat(session.artist.asked).isEmpty();
    }

    @Test
    void aRefusalIsASentenceAndTheNameStays() {
        session.artist.failure = new UnreachableException("connect timed out", null);
        ArtistAccountModel artist = settings.artistAccount().model();
        artist.name.set("Ada");
        this.<Button>node("become-artist").fire();
        while (artist.error.get().isEmpty()) {
            fx.runNext();
        }
        assertThat(artist.error.get()).isEqualTo(ENGLISH.get("error.unreachable"));
        assertThat(artist.name.get()).isEqualTo("Ada");
        assertThat(artist.artist.get()).isFalse();
        assertThat(studioOpened.get()).isZero();
    }

    /** An artist sees no form, only the way to the Studio. */
    @Test
    void anArtistIsPointedToTheStudio() {
        session.artist.asArtist("Ada");
        settings.onActivate();
        assertThat(node("open-studio").isVisible()).isTrue();
        this.<Button>node("open-studio").fire();
        assertThat(studioOpened.get()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T node(String id) {
        return (T) ((Parent) settings.artistAccount().view()).lookup("#" + id);
    }
}
