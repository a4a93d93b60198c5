package dance.normal.app.downloads;

import dance.normal.sync.download.Download;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The downloads as shown, and the storage line. */
final class DownloadsModel {

    /** One download with the words to show for its track. */
    record Row(Download download, String title, String artist) {
    }

    /** What a read of the downloads returns. */
    record Snapshot(List<Row> rows, String storage) {
    }

    final ObservableList<Row> rows = FXCollections.observableArrayList();
    final StringProperty storage = new SimpleStringProperty("");

    void show(Snapshot snapshot) {
        rows.setAll(snapshot.rows());
        storage.set(snapshot.storage());
    }

    /** Bytes arrived for a download: its row moves on without a database read. */
    void progress(String trackId, long done, long total) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.download().trackId().equals(trackId)) {
                Download d = r.download();
                rows.set(i, new Row(new Download(d.trackId(), Download.State.DOWNLOADING, done, total, d.pinned(),
                        null), r.title(), r.artist()));
                return;
            }
        }
    }
}
