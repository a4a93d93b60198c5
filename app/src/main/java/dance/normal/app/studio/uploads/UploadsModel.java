package dance.normal.app.studio.uploads;

import dance.normal.sync.upload.Upload;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The uploads as shown, a line for what the last drop or choice came to, and whether files are dragged over. */
final class UploadsModel {

    /**
     * One upload with its recent rate and time left.
     *
     * @param bytesPerSec 0 while unknown
     * @param left        null while unknown
     */
    record Row(Upload upload, double bytesPerSec, Duration left) {
    }

    // ---- Properties.

    final ObservableList<Row> rows = FXCollections.observableArrayList();
    final StringProperty note = new SimpleStringProperty("");
    final BooleanProperty dragOver = new SimpleBooleanProperty();

    // ---- Commands.

    /** What a read of the queue returned; rows still moving keep their rate. */
    void show(List<Upload> uploads) {
        rows.setAll(uploads.stream().map(u -> find(u.id()).filter(r -> r.upload().state() == u.state())
                .map(r -> new Row(u, r.bytesPerSec(), r.left())).orElse(new Row(u, 0, null))).toList());
    }

    /** Bytes went: the row moves on without a read of the store. */
    void progress(String id, long sent, long size, double bytesPerSec, Duration left) {
        int i = indexOf(id);
        if (i >= 0) {
            Upload u = rows.get(i).upload();
            Upload.State state = u.state() == Upload.State.QUEUED ? Upload.State.UPLOADING : u.state();
            rows.set(i, new Row(new Upload(u.id(), u.path(), u.fileName(), size, state, sent, u.uploadUrl(),
                    u.trackId(), u.reasonCode(), u.reason(), u.createdAt()), bytesPerSec, left));
        }
    }

    /** An upload was added or changed state. */
    void changed(Upload u) {
        int i = indexOf(u.id());
        boolean moving = u.state() == Upload.State.UPLOADING && u.reasonCode() == null;
        if (i < 0) {
            rows.add(new Row(u, 0, null));
        } else {
            Row before = rows.get(i);
            rows.set(i, moving ? new Row(u, before.bytesPerSec(), before.left()) : new Row(u, 0, null));
        }
    }

    void removed(String id) {
        int i = indexOf(id);
        if (i >= 0) {
            rows.remove(i);
        }
    }

    private java.util.Optional<Row> find(String id) {
        int i = indexOf(id);
        return i < 0 ? java.util.Optional.empty() : java.util.Optional.of(rows.get(i));
    }

    private int indexOf(String id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).upload().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
