package dance.normal.app.browse;

import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Release;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The release shown: null while it is read; then the release (null when gone) and its tracks. */
final class ReleaseModel {

    /**
     * A release as read.
     *
     * @param release the release, or null when it is gone from the catalog (or could not be read)
     * @param tracks  its tracks, in order
     * @param failed  it could not be read: an empty page
     */
    record Page(Release release, List<TrackRow> tracks, boolean failed) {
    }

    final ObjectProperty<Page> page = new SimpleObjectProperty<>();
    /** The Download button's words: Download, queued, or why it failed. */
    final StringProperty download = new SimpleStringProperty("");
}
