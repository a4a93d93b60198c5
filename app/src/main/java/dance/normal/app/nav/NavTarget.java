package dance.normal.app.nav;

/** Where the signed-in window can go: a screen of the navigation bar, or a page reached from one. */
public enum NavTarget {
    HOME(null),
    SEARCH(null),
    LIBRARY(null),
    QUEUE(null),
    DOWNLOADS(null),
    WALLET(null),
    SETTINGS(null),
    /** A release's page (with its id), reached from Home, a tile or a track's panel. */
    RELEASE(HOME),
    /** An artist's page (with its id). */
    ARTIST(HOME),
    /** The Studio: the artist's own tracks, drafts and published (issue 16, decision 0044). */
    STUDIO_TRACKS(null),
    /** The Studio: the artist's releases, their covers and track order. */
    STUDIO_RELEASES(null),
    /** The Studio: the artist's uploads, with progress, pause, resume and cancel (issue 16, decision 0043). */
    STUDIO_UPLOADS(null),
    /** The quality report of one of the artist's tracks (with the track's id), reached from the tracks or uploads. */
    STUDIO_REPORT(STUDIO_TRACKS),
    /** The Studio: what the artist's music earns (charts, plays not counted, holders, statement, withdraw). */
    STUDIO_EARNINGS(null),
    /** Opening an offering on one of the artist's tracks (with the track's id), reached from the tracks. */
    STUDIO_OFFERING(STUDIO_TRACKS);

    private final NavTarget under;

    NavTarget(NavTarget under) {
        this.under = under;
    }

    /** The navigation bar's screen this one is shown under: itself, or Home for a page. */
    public NavTarget tab() {
        return under == null ? this : under;
    }

    /** Whether this is a page of one thing (it needs an id, and Back returns from it). */
    public boolean isPage() {
        return under != null;
    }
}
