package dance.normal.app.browse;

import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The artist shown: null while read; then the artist (null when gone), their releases and tracks. */
final class ArtistModel {

    /**
     * An artist as read.
     *
     * @param artist   the artist, or null when gone (or not readable)
     * @param releases their releases
     * @param tracks   their tracks
     * @param failed   it could not be read: an empty page
     */
    record Page(Artist artist, List<Release> releases, List<TrackRow> tracks, boolean failed) {
    }

    final ObjectProperty<Page> page = new SimpleObjectProperty<>();
}
