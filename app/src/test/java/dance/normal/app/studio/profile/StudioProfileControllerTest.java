package dance.normal.app.studio.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.ArtistService;
import dance.normal.app.session.FakeArtistService;
import dance.normal.app.session.FakeCatalogService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.Problem;
import dance.normal.protocol.catalog.Artist;
import dance.normal.sync.api.ProblemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Studio's profile against an artist service in memory; the test's thread stands in for the FX thread. */
class StudioProfileControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private static final I18n RUSSIAN = new I18n(Locale.forLanguageTag("ru"));
    private final FakeArtistService artist = new FakeArtistService().asArtist("Ada");
    private final FakeCatalogService catalog = new FakeCatalogService();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    /** What the file dialog answers next. */
    private final AtomicReference<Optional<Path>> chosen = new AtomicReference<>(Optional.empty());
    private StudioProfileController screen;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp() {
        artist.profile = new Artist("a1", "Ada", "Synths at dawn.", "/api/v1/media/abc", null);
        screen = controller(ENGLISH);
    }

    private StudioProfileController controller(I18n i18n) {
        return new StudioProfileController(artist, catalog, background, i18n, owner -> chosen.get());
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    private StudioProfileModel model() {
        return screen.model();
    }

    /** Runs what reaches the FX thread (the profile, artwork, answers) until {@code done}. */
    private void until(BooleanSupplier done) {
        fx.runUntil(done);
    }

    @Test
    void shownItReadsTheProfileFromTheServer() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        assertThat(model().name.get()).isEqualTo("Ada");
        assertThat(model().bio.get()).isEqualTo("Synths at dawn.");
        assertThat(model().pictureUrl.get()).isEqualTo("/api/v1/media/abc");
        assertThat(model().error.get()).isEmpty();
    }

    @Test
    void saveSendsTheNameAndBioWithoutSurroundingSpacesAndSaysSaved() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        model().name.set("  Ada Lovelace ");
        model().bio.set("Modular synths, recorded live.\n");
        screen.actions().onSave();
        assertThat(model().working.get()).isTrue();
        until(() -> !model().working.get());
        assertThat(artist.asked).containsExactly("profile", "update Ada Lovelace|Modular synths, recorded live.");
        assertThat(model().working.get()).isFalse();
        assertThat(model().status.get()).isEqualTo("Saved.");
        assertThat(model().name.get()).isEqualTo("Ada Lovelace");
    }

    @Test
    void anEmptyNameIsRefusedHereWithASentenceAndNothingIsSent() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        model().name.set("   ");
        screen.actions().onSave();
        assertThat(model().error.get()).isEqualTo("Enter an artist name of 1 to 200 characters.");
        assertThat(model().working.get()).isFalse();
        assertThat(artist.asked).containsExactly("profile");
    }

    @Test
    void aBioTooLongIsRefusedAndKeptAsTyped() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        String longBio = "la ".repeat(1400);
        model().bio.set(longBio);
        screen.actions().onSave();
        assertThat(model().error.get()).isEqualTo("The bio can have at most 4,000 characters.");
        assertThat(model().bio.get()).isEqualTo(longBio);
    }

    @Test
    void aChosenPictureIsSentAndShown() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        chosen.set(Optional.of(Path.of("/tmp/face.png")));
        screen.actions().onChoosePicture(null);
        until(() -> !model().working.get());
        assertThat(artist.asked).containsExactly("profile", "picture face.png");
        assertThat(model().pictureUrl.get()).isEqualTo("/media/face.png");
        assertThat(model().status.get()).isEqualTo("Picture changed.");
    }

    @Test
    void cancellingTheDialogSendsNothing() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        screen.actions().onChoosePicture(null);
        assertThat(artist.asked).containsExactly("profile");
        assertThat(model().working.get()).isFalse();
    }

    /** The server's refusal of a file that is not an image, in the artist's language; what they typed stays. */
    @Test
    void aFileThatIsNotAnImageIsRefusedInTheArtistsLanguage() {
        screen = controller(RUSSIAN);
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        model().bio.set("Новый текст");
        artist.failure = new ProblemException(new Problem("https://normal.dance/problems/unsupported-media",
                "Not an audio file", 415, "The picture must be a PNG, JPEG or WebP image.", null, null));
        chosen.set(Optional.of(Path.of("/tmp/notes.txt")));
        screen.actions().onChoosePicture(null);
        until(() -> !model().working.get());
        assertThat(model().error.get()).isEqualTo("Этот файл не картинка PNG, JPEG или WebP. Выберите другой.");
        assertThat(model().bio.get()).isEqualTo("Новый текст");
        assertThat(model().working.get()).isFalse();
    }

    @Test
    void aPictureTooLargeSaysSo() {
        screen.onActivate();
        until(() -> !model().name.get().isEmpty());
        artist.failure = new ArtistService.PictureTooLargeException();
        chosen.set(Optional.of(Path.of("/tmp/huge.jpg")));
        screen.actions().onChoosePicture(null);
        until(() -> !model().working.get());
        assertThat(model().error.get()).isEqualTo("That picture is larger than 5 MB. Choose a smaller one.");
    }
}
