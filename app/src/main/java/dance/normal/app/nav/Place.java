package dance.normal.app.nav;

import java.util.Objects;

/**
 * A place in the window: a target, with the id of the release or artist for a page.
 *
 * @param target where
 * @param id     the release or artist shown, for a page; null otherwise
 */
public record Place(NavTarget target, String id) {

    public Place {
        Objects.requireNonNull(target, "target");
        if (target.isPage() != (id != null)) {
            throw new IllegalArgumentException(target + (target.isPage() ? " needs an id" : " takes no id"));
        }
    }

    /** A screen of the navigation bar. */
    public static Place of(NavTarget target) {
        return new Place(target, null);
    }

    public static Place release(String releaseId) {
        return new Place(NavTarget.RELEASE, releaseId);
    }

    public static Place artist(String artistId) {
        return new Place(NavTarget.ARTIST, artistId);
    }

    /** The quality report of one of the signed-in artist's tracks. */
    public static Place report(String trackId) {
        return new Place(NavTarget.STUDIO_REPORT, trackId);
    }

    /** The offering form for one of the artist's tracks. */
    public static Place offering(String trackId) {
        return new Place(NavTarget.STUDIO_OFFERING, trackId);
    }
}
