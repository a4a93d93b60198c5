package dance.normal.app.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.SessionOpener;
import dance.normal.app.session.SignedInSession;
import dance.normal.app.studio.releases.ReleasesController;
import dance.normal.app.studio.report.ReportController;
import dance.normal.app.studio.tracks.StudioTracksController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Studio's tracks, report and releases screens over the live session against a real server on loopback (SQLite,
 * ffmpeg and fpcalc for the report): drafts uploaded with tus are listed with a published track, the report shows the
 * server's own figures, and a release published from the releases screen reaches a listener's catalog.
 */
class StudioCatalogIT {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);

    @TempDir
    Path dataDir;
    private TestServer server;
    private final List<SignedInSession> sessions = new ArrayList<>();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void tearDown() {
        background.close();
        sessions.forEach(SignedInSession::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void draftsAreListedTheReportShowsTheServersFiguresAndAPublishedReleaseReachesAListener() throws Exception {
        server = TestServer.start();
        var artist = server.signup("artist");
        String token = artist.get("accessToken").asText();
        String published = TrackUploads.upload(server, token, Fixtures.audio("mp3", 40, "Old Pier"),
                TrackUploads.fields("title", "Old Pier", "release", "Earlier")).get("id").asText();
        String first = tus(token, Fixtures.audio("flac", 45, "Harbour Lights"), "harbour.flac");
        String second = tus(token, Fixtures.audio("wav", 40, "Low Tide"), "low-tide.wav");
        URI url = URI.create(server.url("/"));
        SignedInSession studio = session(new SessionOpener(url, dataDir.resolve("artist"))
                .signIn(artist.get("me").get("email").asText(), "correct horse battery".toCharArray()));
        SignedInSession listener = session(new SessionOpener(url, dataDir.resolve("listener"))
                .signUp("listener-" + UUID.randomUUID() + "@example.com", "correct horse battery".toCharArray()));

        // Listed: the two drafts with the uploads they came from, and the published track.
        List<StudioTrack> tracks = studio.studioCatalog().tracks();
        assertThat(tracks).extracting(StudioTrack::id).contains(first, second, published);
        StudioTrack draft = tracks.stream().filter(t -> t.id().equals(first)).findFirst().orElseThrow();
        assertThat(draft.status()).isEqualTo(TrackStatus.DRAFT);
        assertThat(draft.uploadId()).isNotNull();
        StudioTracksController list = new StudioTracksController(studio.studioCatalog(), background, ENGLISH,
                id -> { }, id -> { });
        list.onActivate();
        fx.runNext(); // the tracks
        for (int i = 0; i < 3; i++) {
            fx.runNext(); // each one's report, for its warning count
        }
        assertThat(((ListView<?>) ((Parent) list.view()).lookup("#studio-tracks")).getItems()).hasSize(3);

        // The report screen shows what the server measured.
        QualityReport measured = studio.studioCatalog().report(first);
        ReportController report = new ReportController(studio.studioCatalog(), studio.player(), new FxEvents(fx),
                background, ENGLISH);
        report.open(first);
        report.onActivate();
        fx.runNext();
        // The report scrolls: its figures are in the scroll pane's content (a skin makes its children when shown).
        Parent reportView = (Parent) ((ScrollPane) ((BorderPane) report.view()).getCenter()).getContent();
        assertThat(label(reportView, "figure-loudness")).isEqualTo(String.format(Locale.ENGLISH, "%.1f LUFS",
                measured.integratedLufs()));
        assertThat(label(reportView, "figure-true-peak")).isEqualTo(String.format(Locale.ENGLISH, "%.1f dBTP",
                measured.truePeakDbtp()));
        assertThat(label(reportView, "figure-codec")).startsWith(measured.codec());
        assertThat(measured.waveform()).isNotEmpty();

        // A release of the two drafts, published from the releases screen: the listener's catalog has it.
        StudioRelease made = studio.studioCatalog().createRelease(new ReleaseRequest("Coastline", 2026,
                List.of(second, first)));
        listener.catalog().syncCatalog();
        assertThat(listener.catalog().track(first)).as("a draft is not the listener's").isEmpty();
        ReleasesController releases = new ReleasesController(studio.studioCatalog(), background, ENGLISH,
                (u, size) -> Optional.empty());
        releases.onActivate();
        fx.runNext();
        Button publish = (Button) ((Parent) releases.view()).lookup("#release-publish");
        assertThat(publish.getText()).isEqualTo(ENGLISH.get("studio.releases.publish"));
        publish.fire();
        fx.runNext(); // published
        fx.runNext(); // read again
        assertThat(publish.getText()).isEqualTo(ENGLISH.get("studio.releases.unpublish"));

        await(() -> {
            listener.catalog().syncCatalog();
            return listener.catalog().track(first).isPresent() && listener.catalog().track(second).isPresent();
        });
        assertThat(listener.catalog().tracksOfRelease(made.id())).extracting(t -> t.id())
                .containsExactly(second, first);
    }

    private SignedInSession session(SignedInSession s) {
        sessions.add(s);
        return s;
    }

    /** Uploads a file with tus 1.0 in one PATCH; the finished upload is a draft, whose id is answered. */
    private String tus(String token, Path file, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String meta = "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = server.send(server.request("/api/v1/uploads")
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(bytes.length)).header("Upload-Metadata", meta)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        URI location = URI.create(server.url("/")).resolve(created.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> done = server.send(HttpRequest.newBuilder(location)
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        return done.headers().firstValue("Track-Id").orElseThrow();
    }

    private static String label(Parent view, String id) {
        Label label = (Label) view.lookup("#" + id);
        assertThat(label).as("#" + id).isNotNull();
        return label.getText();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
