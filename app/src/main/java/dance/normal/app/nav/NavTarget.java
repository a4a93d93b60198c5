package dance.normal.app.nav;

/**
 * Where the signed-in window can go: a screen of the navigation bar, a screen of the Studio, or a page reached from
 * one.
 */
public enum NavTarget {
    HOME(null, false),
    SEARCH(null, false),
    LIBRARY(null, false),
    QUEUE(null, false),
    DOWNLOADS(null, false),
    WALLET(null, false),
    SETTINGS(null, false),
    /** A release's page (with its id), reached from Home, a tile or a track's panel. */
    RELEASE(HOME, false),
    /** An artist's page (with its id). */
    ARTIST(HOME, false),

    /**
     * The navigation bar's Studio button, shown to artists only: it opens the Studio's screen seen last (its first
     * one at first). Never a place itself; the Studio's screens below are.
     */
    STUDIO(null, true),
    // The Studio (issue 16): an artist's screens, each an entry of the Studio's sidebar (shell/StudioScreens).
    /** Uploads in progress and done (studio/uploads). */
    STUDIO_UPLOADS(null, true),
    /** The artist's drafts and published tracks (studio/tracks). */
    STUDIO_TRACKS(null, true),
    /** A track's quality report (with the track's id; studio/report). */
    STUDIO_REPORT(STUDIO_TRACKS, true),
    /** Releases: cover, track order, publishing (studio/releases). */
    STUDIO_RELEASES(null, true),
    /** Opening an offering on a track, with the live preview (with the track's id; studio/offering). */
    STUDIO_OFFERING(STUDIO_TRACKS, true),
    /** Earnings by day and track, plays not counted, holders, statement, withdraw (studio/earnings). */
    STUDIO_EARNINGS(null, true),
    /** The artist's public profile: name, bio, picture (studio/profile). */
    STUDIO_PROFILE(null, true);

    private final NavTarget under;
    private final boolean studio;

    NavTarget(NavTarget under, boolean studio) {
        this.under = under;
        this.studio = studio;
    }

    /** The screen this one is shown under: itself, or for a page the screen it was opened from (Home, Tracks). */
    public NavTarget tab() {
        return under == null ? this : under;
    }

    /** Whether this is a page of one thing (it needs an id, and Back returns from it). */
    public boolean isPage() {
        return under != null;
    }

    /** Whether this is in the Studio, the artist's place: the bar's Studio button is chosen, its sidebar shown. */
    public boolean inStudio() {
        return studio;
    }
}
