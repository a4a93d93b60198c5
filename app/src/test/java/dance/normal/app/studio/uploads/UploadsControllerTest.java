package dance.normal.app.studio.uploads;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dance.normal.app.Screenshots;
import dance.normal.app.session.FakeUploadQueueService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.sync.upload.Upload;
import dance.normal.sync.upload.UploadQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Uploads screen over an upload queue in memory: no server; folders are real ones on disk. */
class UploadsControllerTest {

    private static final long MB = 1024 * 1024;
    private static final I18n RUSSIAN = new I18n(Locale.forLanguageTag("ru"));

    @TempDir
    Path dir;

    private final FakeUploadQueueService uploads = new FakeUploadQueueService();
    private final Background background = new Background();
    private final List<String> reportsOpened = new CopyOnWriteArrayList<>();
    private UploadsController screen;

    private void open(I18n i18n) throws Exception {
        Fx.start();
        screen = Fx.call(() -> new UploadsController(uploads, new FxEvents(background.fxThread()), background, i18n,
                reportsOpened::add));
        Fx.show(screen.view());
        Fx.run(screen::onActivate);
    }

    @AfterEach
    void tearDown() {
        if (screen != null) {
            Fx.run(screen::onDeactivate);
        }
        background.close();
    }

    @Test
    void droppingAFolderQueuesItsAudioFilesAndSaysWhatWasLeftOut() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        Files.writeString(album.resolve("01 Intro.flac"), "x");
        Files.writeString(album.resolve("02 River.mp3"), "x");
        Files.writeString(album.resolve("cover.jpg"), "x");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        open(ENGLISH);

        Fx.run(() -> screen.add(List.of(album, notes)));

        Fx.await("two rows", () -> list().getItems().size() == 2);
        assertThat(Fx.call(() -> list().getItems().stream().map(r -> r.upload().fileName()).toList()))
                .containsExactly("01 Intro.flac", "02 River.mp3");
        Fx.await("the note", () -> "One file was not audio and was left out.".equals(note()));
        assertThat(Fx.call(() -> texts("u1"))).contains("Waiting to upload\u2026");

        Fx.run(() -> screen.add(List.of(notes)));
        Fx.await("nothing taken", () -> note().startsWith("No audio files there"));
        assertThat(uploads.uploads()).hasSize(2);
    }

    @Test
    void progressShowsThePercentTheRateAndTheTimeLeft() throws Exception {
        String id = queued("Song.wav");
        open(ENGLISH);
        Fx.await("the row", () -> list().getItems().size() == 1);

        uploads.progress(id, 5 * MB, 1.5 * MB, Duration.ofSeconds(65)); // on an upload thread

        Fx.await("the progress", () -> texts(id).contains("Uploading\u2026 50%"));
        assertThat(Fx.call(() -> texts(id))).contains("1.5 MB/s \u00b7 1:05 left");
        assertThat(Fx.call(() -> row(id).orElseThrow().upload().fraction())).isEqualTo(0.5);

        uploads.state(id, Upload.State.UPLOADING, UploadQueue.RECONNECTING, "The server could not be reached.");
        Fx.await("reconnecting", () -> texts(id).contains("Connection lost. Trying again\u2026 (50%)"));
        uploads.state(id, Upload.State.CHECKING, null, null);
        Fx.await("checking", () -> texts(id).contains("Checking the audio\u2026"));
    }

    @Test
    void pauseResumeAndCancelChangeTheUpload() throws Exception {
        String id = queued("Long.flac");
        String other = queued("Other.flac");
        open(ENGLISH);
        uploads.progress(id, 2 * MB, MB, Duration.ofSeconds(8));
        Fx.await("uploading", () -> texts(id).contains("Uploading\u2026 20%"));

        press(id, "Pause upload");
        Fx.await("paused", () -> texts(id).contains("Paused at 20%"));
        assertThat(uploads.get(id).state()).isEqualTo(Upload.State.PAUSED);
        press(id, "Resume upload");
        Fx.await("queued again", () -> texts(id).contains("Waiting to upload\u2026"));

        press(other, "Cancel upload");
        Fx.await("gone", () -> row(other).isEmpty());
        // The row goes at once; the cancel itself reaches the queue off the FX thread a moment later.
        Fx.await("cancelled", () -> uploads.cancelled.contains(other));
        assertThat(uploads.cancelled).containsExactly(other);
        assertThat(uploads.uploads()).extracting(Upload::id).containsExactly(id);
    }

    @Test
    void aRefusedUploadSaysWhyInEnglish() throws Exception {
        String id = queued("truncated.flac");
        String changed = queued("edited.wav");
        open(ENGLISH);
        uploads.refuse(id, "unsupported-media", "The FLAC stream ends before its last frame.");
        uploads.refuse(changed, UploadQueue.LOCAL_CHANGED, "The file edited.wav changed after it was added.");

        Fx.await("refused", () -> texts(id).contains("Refused: the server could not read it as audio."));
        assertThat(Fx.call(() -> texts(id))).contains("The FLAC stream ends before its last frame.");
        Fx.await("changed", () -> texts(changed)
                .contains("Refused: the file changed after it was added. Add it again."));
        assertThat(Fx.call(() -> button(id, "Remove from the list"))).isPresent();
        assertThat(Fx.call(() -> button(id, "Resume upload"))).isEmpty();
    }

    @Test
    void aRefusedUploadSaysWhyInRussian() throws Exception {
        String id = queued("truncated.flac");
        String unknown = queued("odd.flac");
        open(RUSSIAN);
        uploads.refuse(id, "unsupported-media", "The FLAC stream ends before its last frame.");
        uploads.refuse(unknown, "something-new", "A reason this app has no words for.");

        Fx.await("refused", () -> texts(id).contains("Отклонён: сервер не смог прочитать его как звук."));
        Fx.await("unknown", () -> texts(unknown).contains("Отклонён: что-то пошло не так."));
        assertThat(Fx.call(() -> texts(unknown))).contains("A reason this app has no words for.");
    }

    @Test
    void aFinishedUploadLinksToItsDraftsReport() throws Exception {
        String id = queued("Done.flac");
        open(ENGLISH);
        uploads.finish(id, "track-7");

        Fx.await("done", () -> texts(id).contains("Ready as a draft"));
        Fx.run(() -> link(id).orElseThrow().fire());

        assertThat(reportsOpened).containsExactly("track-7");
    }

    /** Uploads are followed only while the screen is shown; they go on in the session all the same. */
    @Test
    void aHiddenScreenStopsListening() throws Exception {
        open(ENGLISH);
        assertThat(uploads.listenerCount()).isEqualTo(1);
        Fx.run(screen::onDeactivate);
        assertThat(uploads.listenerCount()).isZero();
        Fx.run(screen::onActivate);
        assertThat(uploads.listenerCount()).isEqualTo(1);
    }

    @Test
    void screenshotsInBothThemesAndLanguages() throws Exception {
        String done = queued("01 Intro.flac");
        String moving = queued("02 River Song.wav");
        String paused = queued("03 Mountain.mp3");
        String refused = queued("04 Broken take.flac");
        queued("05 Outro.opus");
        uploads.finish(done, "track-1");
        uploads.progress(moving, 37 * MB / 10, 2.4 * MB, Duration.ofSeconds(3));
        uploads.progress(paused, 4 * MB, 0, null);
        uploads.pause(paused);
        uploads.refuse(refused, "unsupported-media", "The FLAC stream ends before its last frame.");
        for (I18n i18n : List.of(ENGLISH, RUSSIAN)) {
            open(i18n);
            Fx.await("five rows", () -> list().getItems().size() == 5);
            uploads.progress(moving, 37 * MB / 10, 2.4 * MB, Duration.ofSeconds(3));
            Fx.await("the rate", () -> !texts(moving).stream().filter(t -> t.contains("/")).toList().isEmpty());
            for (boolean dark : List.of(false, true)) {
                Fx.run(() -> Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet()));
                String name = "studio-uploads-" + i18n.locale().getLanguage() + (dark ? "-dark" : "-light");
                Path shot = Fx.call(() -> Screenshots.save(screen.view().getScene(), name));
                assertThat(shot).exists();
            }
            Fx.run(screen::onDeactivate);
        }
        Fx.run(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    // ---- Helpers.

    private String queued(String name) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "x");
        return uploads.add(List.of(file)).getFirst().id();
    }

    private ListView<UploadsModel.Row> list() {
        return Fx.find((javafx.scene.Parent) screen.view(), "uploads");
    }

    private String note() {
        return Fx.<Label>find((javafx.scene.Parent) screen.view(), "uploads-note").getText();
    }

    private Optional<UploadsModel.Row> row(String id) {
        return list().getItems().stream().filter(r -> r.upload().id().equals(id)).findFirst();
    }

    private Optional<ListCell<?>> cell(String id) {
        list().layout();
        for (Node n : list().lookupAll(".list-cell")) {
            if (n instanceof ListCell<?> c && c.getItem() instanceof UploadsModel.Row r && r.upload().id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The words a person sees in an upload's row. */
    private List<String> texts(String id) {
        List<String> out = new ArrayList<>();
        cell(id).ifPresent(c -> c.lookupAll(".label").forEach(n -> {
            if (n instanceof Label l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()) {
                out.add(l.getText());
            }
        }));
        return out;
    }

    private Optional<Hyperlink> link(String id) {
        return cell(id).flatMap(c -> c.lookupAll(".hyperlink").stream().map(Hyperlink.class::cast)
                .filter(Node::isVisible).findFirst());
    }

    private void press(String id, String name) throws InterruptedException {
        Fx.await("the row of " + id + " with " + name, () -> button(id, name).isPresent());
        Fx.run(() -> button(id, name).orElseThrow().fire());
    }

    private Optional<Button> button(String id, String name) {
        return cell(id).flatMap(c -> c.lookupAll(".button").stream().filter(Button.class::isInstance)
                .map(Button.class::cast).filter(b -> b.isVisible() && name.equals(b.getAccessibleText()))
                .findFirst());
    }
}
