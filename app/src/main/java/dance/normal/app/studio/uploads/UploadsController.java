package dance.normal.app.studio.uploads;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.UploadQueueService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Subscriptions;
import dance.normal.sync.upload.AudioFiles;
import dance.normal.sync.upload.Upload;
import dance.normal.sync.upload.UploadListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * The Studio's uploads: files and folders dropped or chosen are queued (a folder gives its audio files); each upload
 * shows its progress, rate and time left, and can be paused, resumed or cancelled; a finished one links to its
 * draft's quality report, a refused one says why in the artist's language. The uploads themselves run in the session
 * ({@link UploadQueueService}), so they go on while the artist is elsewhere; this screen follows them only while
 * shown, and reads them again when shown.
 */
public final class UploadsController implements Screen {

    private final UploadsModel model = new UploadsModel();
    private final UploadsView view;
    private final UploadQueueService uploads;
    private final Background background;
    private final FxEvents events;
    private final I18n i18n;
    private final Consumer<String> openReport;
    private final Subscriptions subscriptions = new Subscriptions();

    /**
     * @param openReport opens the quality report of a draft track, by its id
     */
    public UploadsController(UploadQueueService uploads, FxEvents events, Background background, I18n i18n,
                             Consumer<String> openReport) {
        this.uploads = uploads;
        this.events = events;
        this.background = background;
        this.i18n = i18n;
        this.openReport = openReport;
        this.view = new UploadsView(model, i18n, new UploadsView.Actions() {
            @Override
            public void onFiles(List<Path> files) {
                add(files);
            }

            @Override
            public void onPauseResume(UploadsModel.Row row) {
                pauseOrResume(row);
            }

            @Override
            public void onCancel(UploadsModel.Row row) {
                cancel(row);
            }

            @Override
            public void onOpen(UploadsModel.Row row) {
                if (row.upload().trackId() != null) {
                    UploadsController.this.openReport.accept(row.upload().trackId());
                }
            }
        });
    }

    UploadsModel model() {
        return model;
    }

    @Override
    public Parent view() {
        return view.root;
    }

    @Override
    public void onActivate() {
        if (!subscriptions.active()) {
            subscriptions.add(events.subscribe(uploads::addListener, uploads::removeListener,
                    post -> new UploadListener() {
                        @Override
                        public void onProgress(String id, long sent, long size, double perSec, Duration left) {
                            post.toFx(() -> model.progress(id, sent, size, perSec, left));
                        }

                        @Override
                        public void onChanged(Upload upload) {
                            post.toFx(() -> model.changed(upload));
                        }

                        @Override
                        public void onRemoved(String id) {
                            post.toFx(() -> model.removed(id));
                        }
                    }));
        }
        reread();
    }

    @Override
    public void onDeactivate() {
        subscriptions.close();
    }

    /** Files and folders dropped or chosen: queued off the FX thread (folders are read from disk). */
    void add(List<Path> files) {
        background.run(() -> {
            long notAudio = files.stream().filter(f -> Files.isRegularFile(f) && !AudioFiles.isAudio(f)).count();
            boolean noAudio = AudioFiles.expand(files).isEmpty();
            uploads.add(files);
            String note = noAudio ? i18n.get("uploads.noAudio")
                    : notAudio > 0 ? i18n.get("uploads.skipped", notAudio) : "";
            return new Added(uploads.uploads(), note);
        }, a -> {
            model.show(a.uploads());
            model.note.set(a.note());
        }, this::showError);
    }

    private record Added(List<Upload> uploads, String note) {
    }

    private void pauseOrResume(UploadsModel.Row row) {
        String id = row.upload().id();
        boolean pause = row.upload().state().active();
        background.run(() -> {
            if (pause) {
                uploads.pause(id);
            } else {
                uploads.resume(id);
            }
            return uploads.uploads();
        }, model::show, this::showError);
    }

    private void cancel(UploadsModel.Row row) {
        model.removed(row.upload().id());
        background.run(() -> {
            uploads.cancel(row.upload().id());
            return uploads.uploads();
        }, model::show, this::showError);
    }

    private void reread() {
        background.run(uploads::uploads, model::show, this::showError);
    }

    private void showError(Throwable error) {
        model.note.set(i18n.sentence(error));
    }
}
