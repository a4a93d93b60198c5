package dance.normal.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.AppPrefs;
import dance.normal.app.nav.NavTarget;
import dance.normal.app.nav.Place;
import dance.normal.app.session.FakeSession;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.sync.SyncService;
import dance.normal.sync.api.CertificatePins;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.control.ToggleButton;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's navigation and banner against a session of fakes; the test's thread stands in for the FX thread. */
class ShellControllerTest {

    private final FakeSession session = new FakeSession();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private ShellController shell;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp(@TempDir Path dir) {
        shell = new ShellController(session, background, new I18n(Locale.ENGLISH),
                new AppPrefs("light", "en", 1L << 30, Optional.empty()), prefs -> { },
                new CertificatePins(dir.resolve("pins.json")), server -> { }, () -> { }, page -> { });
    }

    @AfterEach
    void tearDown() {
        shell.close();
        background.close();
        session.close();
    }

    @Test
    void itOpensOnHomeAndATabLeadsToItsScreen() {
        assertThat(shell.model().tab.get()).isEqualTo(NavTarget.HOME);
        assertThat(shell.model().trackPanelBeside.get()).isTrue();
        shell.actions().onTab(NavTarget.WALLET);
        assertThat(shell.model().tab.get()).isEqualTo(NavTarget.WALLET);
        assertThat(shell.model().trackPanelBeside.get()).isFalse();
        assertThat(shell.navigation().current()).contains(Place.of(NavTarget.WALLET));
    }

    /** A track's panel beside Search links to an artist: Home's tab is chosen, and Back leads to Home. */
    @Test
    void aPageOpensUnderHomeAndBackReturns() {
        shell.actions().onTab(NavTarget.SEARCH);
        shell.navigation().go(Place.artist("artist-Ada"));
        assertThat(shell.model().tab.get()).isEqualTo(NavTarget.HOME);
        assertThat(shell.model().canGoBack.get()).isTrue();
        shell.navigation().go(Place.release("release-t1"));
        shell.actions().onBack();
        assertThat(shell.navigation().current()).contains(Place.artist("artist-Ada"));
        shell.actions().onBack();
        assertThat(shell.navigation().current()).contains(Place.of(NavTarget.HOME));
        assertThat(shell.model().canGoBack.get()).isFalse();
    }

    /** On a release, pressing the chosen Home tab keeps the page (as the toggles always did). */
    @Test
    void theChosenTabPressedAgainStaysWhereItIs() {
        shell.navigation().go(Place.release("release-t1"));
        shell.actions().onTab(NavTarget.HOME);
        assertThat(shell.navigation().current()).contains(Place.release("release-t1"));
    }

    @Test
    void theBannerFollowsTheSyncAndClosingStopsFollowing() {
        session.sync.set(new SyncService.Status(false, Instant.EPOCH, 2, "unreachable"));
        while (!shell.model().offline.get()) {
            fx.runNext();
        }
        assertThat(shell.model().bannerText.get()).contains("2");
        shell.actions().onRetry();
        assertThat(session.sync.syncs.get()).isEqualTo(1);

        shell.close();
        assertThat(session.sync.listenerCount()).isZero();
    }

    /** A listener's window has no Studio: no button, and asking for it leaves the window where it is. */
    @Test
    void aListenerHasNoStudio() {
        assertThat(shell.model().artist.get()).isFalse();
        assertThat(shell.view().lookup("#nav-studio").isVisible()).isFalse();
        shell.actions().onTab(NavTarget.STUDIO);
        assertThat(shell.navigation().current()).contains(Place.of(NavTarget.HOME));
    }

    /** Becoming an artist (in Settings) shows the Studio at once; its button opens the Studio's screen seen last. */
    @Test
    void theStudioAppearsAsSoonAsTheListenerBecomesAnArtist() throws Exception {
        Thread.ofVirtual().start(() -> session.artist.becomeArtist("Ada")).join();
        while (!shell.model().artist.get()) {
            fx.runNext();
        }
        assertThat(shell.view().lookup("#nav-studio").isVisible()).isTrue();

        shell.actions().onTab(NavTarget.STUDIO);
        assertThat(shell.model().tab.get()).as("its first screen").isEqualTo(firstStudioScreen());
        assertThat(shell.model().trackPanelBeside.get()).isFalse();
        assertThat(shell.view().lookup("#studio-sidebar")).as("the Studio's sidebar beside it").isNotNull();
        shell.actions().onTab(NavTarget.STUDIO_PROFILE);
        assertThat(shell.view().lookup("#studio-profile")).isNotNull();
        shell.actions().onTab(NavTarget.HOME);
        assertThat(shell.view().lookup("#studio-sidebar")).isNull();
        shell.actions().onTab(NavTarget.STUDIO);
        assertThat(shell.navigation().current()).contains(Place.of(NavTarget.STUDIO_PROFILE));
    }

    /** The Studio's sidebar opens the uploads; uploads go on in the session whichever screen is shown. */
    @Test
    void theStudiosUploadsAreInItsSidebar() {
        session.artist.asArtist("Ada");
        shell.openStudio();
        Parent sidebar = (Parent) shell.view().lookup("#studio-sidebar");
        assertThat(sidebar.lookup("#studio-nav-uploads")).isNotNull();
        shell.actions().onTab(NavTarget.STUDIO_UPLOADS);
        assertThat(shell.model().tab.get()).isEqualTo(NavTarget.STUDIO_UPLOADS);
        assertThat(shell.view().lookup("#uploads-screen")).isNotNull();
        assertThat(session.uploads.listenerCount()).isEqualTo(1);
        shell.actions().onTab(NavTarget.HOME);
        assertThat(session.uploads.listenerCount()).as("a hidden screen stops following").isZero();
    }

    /** {@code ./nd demo --artist} opens on the Studio; for a listener it stays home. */
    @Test
    void openStudioOpensItForAnArtistOnly() {
        shell.openStudio();
        assertThat(shell.model().tab.get()).isEqualTo(NavTarget.HOME);
        session.artist.asArtist("Ada");
        shell.openStudio();
        assertThat(shell.model().tab.get()).isEqualTo(firstStudioScreen());
        assertThat(shell.model().artist.get()).isTrue();
    }

    /** The sidebar's first entry whose screen is there. */
    private NavTarget firstStudioScreen() {
        return StudioScreens.ENTRIES.stream().map(StudioScreens.Entry::target).filter(shell::hasScreen).findFirst()
                .orElseThrow();
    }

    @Test
    void theSidebarListsOnlyTheStudioScreensThatExist() {
        assertThat(StudioScreens.ENTRIES).extracting(StudioScreens.Entry::target).allMatch(NavTarget::inStudio);
        session.artist.asArtist("Ada");
        shell.openStudio();
        Parent sidebar = (Parent) shell.view().lookup("#studio-sidebar");
        assertThat(sidebar.lookup("#studio-nav-profile")).isNotNull();
        assertThat(sidebar.getChildrenUnmodifiable().filtered(n -> n instanceof ToggleButton))
                .hasSize(StudioScreens.ENTRIES.stream().filter(e -> shell.hasScreen(e.target())).toList().size());
    }

    @Test
    void closingStopsFollowingTheArtistRole() {
        assertThat(session.artist.listenerCount()).isEqualTo(1);
        shell.close();
        assertThat(session.artist.listenerCount()).isZero();
    }
}
