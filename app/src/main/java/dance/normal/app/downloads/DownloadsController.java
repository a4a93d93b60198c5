package dance.normal.app.downloads;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.CatalogService;
import dance.normal.app.session.DownloadService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.Subscriptions;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Parent;

/**
 * What is kept on this device: each download with its progress, pause and resume, remove; the storage used against
 * the budget. While the screen is shown, progress arrives on download threads and is handed to the model on the FX
 * thread through the event bridge; hidden, it follows nothing and reads again when shown.
 */
public final class DownloadsController implements Screen {

    private final DownloadsModel model = new DownloadsModel();
    private final DownloadsView view;
    private final DownloadService downloads;
    private final CatalogService catalog;
    private final Background background;
    private final I18n i18n;
    private final FxEvents events;
    private final Subscriptions subscriptions = new Subscriptions();

    public DownloadsController(DownloadService downloads, CatalogService catalog, FxEvents events,
                               Background background, I18n i18n) {
        this.downloads = downloads;
        this.catalog = catalog;
        this.events = events;
        this.background = background;
        this.i18n = i18n;
        this.view = new DownloadsView(model, i18n, this::onPauseResume, this::onRemove);
    }

    DownloadsModel model() {
        return model;
    }

    @Override
    public Parent view() {
        return view.root;
    }

    /** Reads the downloads and the storage used, and follows their progress while shown. */
    @Override
    public void onActivate() {
        if (!subscriptions.active()) {
            subscriptions.add(events.subscribe(downloads::addListener, downloads::removeListener,
                    post -> new DownloadListener() {
                        @Override
                        public void onProgress(String trackId, long done, long total, double perSec, Duration left) {
                            post.toFx(() -> model.progress(trackId, done, total));
                        }

                        @Override
                        public void onChanged(Download download) {
                            post.toFx(DownloadsController.this::reread);
                        }
                    }));
        }
        reread();
    }

    @Override
    public void onDeactivate() {
        subscriptions.close();
    }

    private void reread() {
        background.run(this::read, model::show, error -> model.storage.set(error.getMessage()));
    }

    private DownloadsModel.Snapshot read() {
        List<DownloadsModel.Row> rows = downloads.downloads().stream().map(d -> {
            Optional<Track> t = catalog.track(d.trackId());
            return new DownloadsModel.Row(d, t.map(Track::title).orElse(d.trackId()),
                    t.map(Track::artistName).orElse(""));
        }).toList();
        return new DownloadsModel.Snapshot(rows, i18n.get("downloads.storage",
                size(downloads.usedBytes(), i18n), size(downloads.budgetBytes(), i18n)));
    }

    private void onPauseResume(DownloadsModel.Row row) {
        String id = row.download().trackId();
        boolean pause = row.download().state() == Download.State.QUEUED
                || row.download().state() == Download.State.DOWNLOADING;
        background.run(() -> {
            if (pause) {
                downloads.pause(id);
            } else {
                downloads.download(id, row.download().pinned());
            }
            return read();
        }, model::show, error -> model.storage.set(error.getMessage()));
    }

    private void onRemove(DownloadsModel.Row row) {
        background.run(() -> {
            downloads.remove(row.download().trackId());
            return read();
        }, model::show, error -> model.storage.set(error.getMessage()));
    }

    /** Bytes as megabytes or gigabytes with one decimal, in the listener's language. */
    static String size(long bytes, I18n i18n) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1024 ? i18n.get("size.gb", mb / 1024) : i18n.get("size.mb", mb);
    }
}
