package dance.normal.app.shell;

import dance.normal.app.nav.NavTarget;
import dance.normal.app.nav.Navigation;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.SessionServices;
import dance.normal.app.nav.Place;
import dance.normal.app.studio.profile.StudioProfileController;
import dance.normal.app.studio.uploads.UploadsController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Studio, an artist's place beside listening: its screens and the entries of its sidebar. This is the one place
 * a studio screen plugs in: its {@link NavTarget} (one per screen, {@code STUDIO_*}), its line in {@link #addTo}
 * (the screen, given only the session services it uses) and, for a screen of the sidebar, its {@link Entry} in
 * {@link #ENTRIES}; a page of one thing (a track's report) is opened with {@code navigation.go(new Place(...))} from
 * a screen instead. An entry shows once its screen is put in, so entries can be listed before their screens land.
 * The Studio is shown to artists only: the shell shows its button when {@code session.artist()} says so, and from
 * the moment a listener becomes one.
 */
final class StudioScreens {

    /**
     * One entry of the Studio's sidebar.
     *
     * @param target  the screen it opens
     * @param textKey its words in the bundles ({@code studio.nav.*})
     * @param icon    its icon
     */
    record Entry(NavTarget target, String textKey, Ikon icon) {

        /** The button's node id, for tests: {@code studio-nav-uploads} for {@code STUDIO_UPLOADS}. */
        String id() {
            return "studio-nav-" + target.name().substring("STUDIO_".length()).toLowerCase(Locale.ROOT);
        }
    }

    /** The sidebar, top to bottom. */
    static final List<Entry> ENTRIES = List.of(
            new Entry(NavTarget.STUDIO_UPLOADS, "studio.nav.uploads", Material2AL.CLOUD_UPLOAD),
            new Entry(NavTarget.STUDIO_TRACKS, "studio.nav.tracks", Material2AL.AUDIOTRACK),
            new Entry(NavTarget.STUDIO_RELEASES, "studio.nav.releases", Material2AL.ALBUM),
            new Entry(NavTarget.STUDIO_EARNINGS, "studio.nav.earnings", Material2MZ.SHOW_CHART),
            new Entry(NavTarget.STUDIO_PROFILE, "studio.nav.profile", Material2AL.ACCOUNT_CIRCLE));

    private StudioScreens() {
    }

    /**
     * Puts the Studio's screens into the shell's map. Built for every session (they read nothing until shown), so a
     * listener who becomes an artist has them at once.
     */
    static void addTo(Map<NavTarget, Screen> screens, SessionServices session, Background background, I18n i18n,
                      FxEvents events, Navigation navigation) {
        // A finished upload links to its draft's quality report.
        screens.put(NavTarget.STUDIO_UPLOADS, new UploadsController(session.uploads(), events, background, i18n,
                trackId -> navigation.go(Place.report(trackId))));
        screens.put(NavTarget.STUDIO_PROFILE, new StudioProfileController(session.artist(), session.catalog(),
                background, i18n, StudioProfileController.systemChooser()));
    }

    /** The entries whose screen is in {@code screens}: what the sidebar shows. */
    static List<Entry> shown(Map<NavTarget, Screen> screens) {
        return ENTRIES.stream().filter(e -> screens.containsKey(e.target())).toList();
    }
}
