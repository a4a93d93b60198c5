package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Listening;
import dance.normal.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artist's journey (issue 16) against a real server on loopback, on the real JavaFX toolkit (headless Monocle):
 * sign up as an artist on the first-run screen and the Studio is there; upload four files by dropping them (one cut
 * off half-way by the network and resumed, one truncated file refused with its reason, one copy of another in
 * another format flagged as a duplicate); read the report; publish a release; open an offering; a listener buys and
 * plays through the API; the earnings show it; the withdrawal's words. The studio screens are saved in both themes
 * under target/screenshots.
 */
class StudioJourneyIT {

    private static final String ARTIST = "Ada Lovelace Trio";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;

    private TestServer server;
    private CuttingProxy proxy;
    private AppDriver app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
        System.clearProperty("nd.syncSeconds");
    }

    @Test
    void signUpUploadCheckPublishPriceSellAndGetPaid() throws Exception {
        server = TestServer.start();
        Path music = Files.createDirectories(dataDir.resolve("music"));
        Path first = StudioAudio.song(music.resolve("First Light.flac"), "First Light", "mod(n*3,8)", 60);
        Path second = StudioAudio.song(music.resolve("Second Wind.flac"), "Second Wind", "mod(n*5+2,8)", 40);
        Path copy = StudioAudio.reencode(first, music.resolve("First Light (radio edit).mp3"), "-c:a", "libmp3lame",
                "-b:a", "128k", "-metadata", "title=First Light (radio edit)");
        Path broken = StudioAudio.truncated(StudioAudio.song(dataDir.resolve("whole.flac"), "Broken Demo",
                "mod(floor(n/2)*3+1,8)", 40), music.resolve("Broken Demo.flac"));
        // The app talks to the server through a proxy that can cut the connection, as a network drop would.
        proxy = new CuttingProxy(server.server().port());
        System.setProperty("nd.syncSeconds", "1");
        app = new AppDriver("http://127.0.0.1:" + proxy.port() + "/", dataDir.resolve("app"));
        String email = "studio-" + UUID.randomUUID() + "@example.com";

        // Sign up as an artist: "I make music", the artist name; the window has the Studio.
        app.launch("en", "onboarding");
        app.robot.clickOn(node("#email")).write(email);
        app.robot.clickOn(node("#password")).write(PASSWORD);
        app.click("#make-music");
        app.robot.clickOn(node("#signup-artist-name")).write(ARTIST);
        app.shoot("studio-signup-en");
        app.click("#submit");
        app.await("the shell", () -> app.find("#shell").tryQuery().isPresent());
        app.await("the Studio's button", () -> app.node("#nav-studio").isVisible());
        app.click("#nav-studio");
        app.await("the Studio's sidebar", () -> app.find("#studio-sidebar").tryQuery().isPresent());
        assertThat(app.<ToggleButton>node("#nav-studio").isSelected()).isTrue();

        // Upload: two files dropped; the network drops half-way through the first, and the upload goes on.
        app.click("#studio-nav-uploads");
        app.await("the uploads", () -> app.find("#uploads-screen").tryQuery().isPresent());
        proxy.cutAfter(Files.size(first) / 2);
        drop(first, second);
        app.await("both ready as drafts", () -> "Ready as a draft".equals(upload("First Light.flac"))
                && "Ready as a draft".equals(upload("Second Wind.flac")), this::uploads);
        assertThat(proxy.cuts()).as("the connection was cut once, half-way").isEqualTo(1);
        // Then a copy of the first in another format, and a file cut short.
        drop(copy, broken);
        app.await("the copy ready and the broken file refused", () -> "Ready as a draft".equals(
                upload("First Light (radio edit).mp3")) && upload("Broken Demo.flac").startsWith("Refused: "),
                this::uploads);
        assertThat(upload("Broken Demo.flac")).isEqualTo("Refused: the server could not read it as audio.");
        app.shoot("studio-uploads-en");

        // The copy's report: the same recording as First Light, flagged.
        openReportOf("First Light (radio edit).mp3");
        app.await("the duplicate flagged", () -> app.find("#warning-duplicate").tryQuery().isPresent(),
                () -> texts("#report-warnings"));
        assertThat(app.<Label>node("#warning-duplicate").getText()).contains("First Light");
        app.shoot("studio-report-duplicate-en");
        app.click("#back");
        openReportOf("First Light.flac");
        app.await("the first's report", () -> app.find("#report-figures").tryQuery().isPresent()
                && app.find("#warning-duplicate").tryQuery().isEmpty());
        app.shoot("studio-report-en");

        // Publish a release: each upload came with a release of its own (from its tags); First Light's, published.
        app.click("#studio-nav-releases");
        app.await("the releases", () -> app.robot.from(node("#studio-releases")).lookup("First Light").tryQuery()
                .isPresent());
        app.robot.clickOn(app.robot.from(node("#studio-releases")).lookup("First Light").queryAs(Node.class));
        TextField releaseTitle = app.node("#release-title");
        app.await("First Light's release", () -> releaseTitle.getText().equals("First Light"),
                releaseTitle::getText);
        app.click("#release-publish");
        Label releaseStatus = app.node("#releases-status");
        app.await("published", () -> releaseStatus.getText().equals("Published: listeners can find and play it "
                + "now."), releaseStatus::getText);
        app.shoot("studio-releases-en");
        app.click("#studio-nav-tracks");
        app.await("the tracks", () -> app.find("#studio-tracks").tryQuery().isPresent());
        app.shoot("studio-tracks-en");

        // An offering on First Light: 100 tokens at $0.50, holders share 20%. No screen links to the offering form
        // yet (STUDIO_OFFERING has no way in from the tracks), so it is opened through the API, as the artist.
        String firstId = trackId(email, "First Light");
        HttpResponse<String> offering = server.postJson("/api/v1/offerings", artistToken(email), Map.of("trackId",
                firstId, "supply", 100, "priceMicros", 500_000, "holderShareBp", 2_000));
        assertThat(offering.statusCode()).as(offering.body()).isEqualTo(201);

        // A listener buys tokens and plays it, through the API; the server settles the plays.
        Buyer fan = Buyer.signUp(server);
        fan.fund(10_000_000);
        assertThat(fan.buy(firstId, 4).statusCode()).isEqualTo(201);
        Listening.listenAndSend(server, fan.token(), firstId, 5, 35_000);
        settle();

        // The earnings: the chart and the statement show the sale and the plays; withdraw.
        app.click("#studio-nav-earnings");
        Label earned = app.node("#earnings-earned");
        app.await("the money", () -> !earned.getText().isBlank() && !earned.getText().equals("$0.00"),
                earned::getText);
        String statement = statement(email);
        assertThat(statement).contains(",sale,").contains(",settlement,");
        app.shoot("studio-earnings-en");
        type("#earnings-withdraw-amount", "1.00");
        app.click("#earnings-withdraw");
        app.await("the withdrawal's words", () -> app.node("#earnings-withdraw-preview").isVisible());
        app.shoot("studio-withdraw-en");
        // Not yet driven: confirming the withdrawal (the app's wallet signs it; its outcome did not show within the
        // deadline here), and the profile and the Russian screens after it (ArtistScreenshotsTest shoots those).
    }

    private Node node(String query) {
        return app.find(query).queryAs(Node.class);
    }

    private void drop(Path... files) throws Exception {
        Node screen = node("#uploads-screen");
        app.robot.interact(() -> FileDrop.drop(screen, List.of(files)));
    }

    /** Where an upload stands, in the words of its row ("Ready as a draft"); empty while it has no row. */
    private String upload(String fileName) {
        return app.robot.from(node("#uploads")).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .map(ListCell::getAccessibleText).filter(t -> t != null && t.startsWith(fileName + ", "))
                .map(t -> t.substring(fileName.length() + 2)).findFirst().orElse("");
    }

    private String uploads() {
        return app.robot.from(node("#uploads")).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .map(ListCell::getAccessibleText).filter(t -> t != null).toList().toString();
    }

    private void openReportOf(String fileName) throws Exception {
        app.click("#studio-nav-uploads");
        app.await("the row of " + fileName, () -> !upload(fileName).isEmpty());
        ListCell<?> row = app.robot.from(node("#uploads")).lookup(".list-cell").queryAllAs(ListCell.class)
                .stream().filter(c -> c.getAccessibleText() != null && c.getAccessibleText()
                        .startsWith(fileName + ", ")).findFirst().orElseThrow();
        app.robot.clickOn(app.robot.from(row).lookup("#open-report").queryAs(Node.class));
        app.await("the report of " + fileName, () -> app.find("#studio-report").tryQuery().isPresent());
    }

    /** The labels' text under {@code query}, for a failure's message. */
    private String texts(String query) {
        Optional<Node> root = app.find(query).tryQuery();
        return root.map(r -> app.robot.from(r).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .toList().toString()).orElse("(not shown)");
    }

    private void type(String query, String text) {
        TextField field = app.node(query);
        app.robot.interact(() -> field.setText(""));
        app.robot.clickOn(field).write(text);
    }

    /** The artist's own session through the API (the app keeps its tokens to itself). */
    private String artistToken(String email) {
        HttpResponse<String> r = server.postJson("/api/v1/auth/login", null, Map.of("email", email, "password",
                PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r).get("accessToken").asText();
    }

    private String trackId(String email, String title) {
        JsonNode tracks = TestServer.json(server.get("/api/v1/studio/tracks", artistToken(email))).path("tracks");
        for (JsonNode t : tracks) {
            if (t.path("title").asText().equals(title)) {
                return t.path("id").asText();
            }
        }
        throw new AssertionError("No track " + title + " in " + tracks);
    }

    private String statement(String email) {
        HttpResponse<String> r = server.get("/api/v1/studio/statement.csv", artistToken(email));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private void settle() {
        HttpResponse<String> r = server.send(server.request("/api/v1/admin/settlements")
                .header("Authorization", "Bearer " + server.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}
