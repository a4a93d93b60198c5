package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.SessionOpener;
import dance.normal.app.ui.TrackRow;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first run, on the real JavaFX toolkit (headless Monocle) against a real server on loopback: a listener signs
 * up (the wallet is made and registered behind the scenes), the catalog mirror fills, and search answers as they
 * type. Screens are saved under target/screenshots in both themes.
 */
class FirstRunIT {

    private static TestServer server;
    private AppDriver app;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        String artist = server.signup("artist").get("accessToken").asText();
        String midnight = TrackUploads.upload(server, artist, Fixtures.audio("mp3", 6, "Midnight Harbour"),
                TrackUploads.fields("title", "Midnight Harbour", "release", "Lights Out")).get("id").asText();
        assertThat(server.postJson("/api/v1/offerings", artist, Map.of("trackId", midnight, "supply", 100,
                "priceMicros", 250_000, "holderShareBp", 2_000)).statusCode()).isEqualTo(201);
        TrackUploads.upload(server, artist, Fixtures.audio("ogg", 2, "Morning Tide"),
                TrackUploads.fields("title", "Morning Tide", "release", "Lights Out"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void driver() {
        app = new AppDriver(server.url("/"), dataDir);
    }

    @AfterEach
    void closeApp() throws Exception {
        app.close();
    }

    @Test
    void aNewListenerSignsUpSearchesAsTheyTypeAndPlays() throws Exception {
        app.launch("en", "onboarding");
        app.shoot("onboarding");

        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write("fan-" + UUID.randomUUID() + "@example.com");
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
        app.robot.clickOn(app.find("#submit").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.find("#shell").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(app.find("#signed-in").queryAs(Label.class).getText()).startsWith("Signed in as fan-");
        app.shoot("home");
        everyControlHasANameAndTabReachesTheShell();
        app.click("#nav-search");
        app.robot.clickOn(app.find("#search").queryAs(Node.class)).write("midn");
        ListView<TrackRow> results = app.find("#results").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !results.getItems().isEmpty());
        assertThat(results.getItems()).extracting(r -> r.track().title()).containsExactly("Midnight Harbour");
        assertThat(app.find("#search-status").queryAs(Label.class).getText()).isEqualTo("1 track");
        app.robot.doubleClickOn(app.robot.from(results).lookup("Midnight Harbour").queryLabeled());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.find("#now-title").queryAs(Label.class)
                .getText().equals("Midnight Harbour"));
        Label position = app.find("#now-position").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> position.getText().equals("0:02"));
        app.shoot("search");
        app.robot.interact(results::requestFocus);
        app.robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.find("#play-pause").queryButton()
                .getAccessibleText().equals("Play"));
        // Space on a focused button presses that button (here: Shuffle), and leaves playback alone.
        javafx.scene.control.ToggleButton shuffle = app.find("#shuffle").queryAs(
                javafx.scene.control.ToggleButton.class);
        boolean shuffled = shuffle.isSelected();
        app.robot.interact(shuffle::requestFocus);
        app.robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shuffle.isSelected() != shuffled);
        assertThat(app.find("#play-pause").queryButton().getAccessibleText()).isEqualTo("Play");
        app.robot.interact(shuffle::fire);
        app.robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(app.find("#search").queryAs(TextField.class).isFocused()).isTrue();

        TextField field = app.find("#search").queryAs(TextField.class);
        app.robot.interact(() -> field.setText(""));
        app.robot.clickOn(app.find("#search").queryAs(Node.class)).write("zzzz");
        Label status = app.find("#search-status").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> results.getItems().isEmpty()
                    && status.getText().equals("No tracks match \u201czzzz\u201d."));
        } catch (TimeoutException e) {
            throw new AssertionError("query \"" + field.getText() + "\", status \"" + status.getText() + "\", "
                    + results.getItems().size() + " results", e);
        }
        assertThat(Files.list(dataDir.resolve("users")).findFirst()).hasValueSatisfying(user ->
                assertThat(user.resolve("wallet.json")).exists());

        // A restart stays signed in: the saved session and the wallet's device secret, no password.
        app.stop();
        app.launch("en", "shell");
        assertThat(app.find("#signed-in").queryAs(Label.class).getText()).startsWith("Signed in as fan-");
    }

    /**
     * Screen readers: every control that takes the keyboard has a name (its text, or an accessible text). Keyboard:
     * Tab walks through the navigation and the Now Playing bar.
     */
    private void everyControlHasANameAndTabReachesTheShell() throws Exception {
        java.util.List<String> unnamed = WaitForAsyncUtils.asyncFx(() -> app.find(".button, .toggle-button, "
                + ".hyperlink, .menu-button, .slider, .text-field, .list-view, .combo-box").queryAll().stream()
                .filter(n -> n.isVisible() && !n.isDisabled() && n.isFocusTraversable())
                .filter(n -> name(n).isBlank())
                .map(n -> n.getClass().getSimpleName() + "#" + n.getId() + " " + n.getStyleClass())
                .toList()).get();
        assertThat(unnamed).as("controls without a name for screen readers").isEmpty();

        java.util.Set<String> reached = new java.util.LinkedHashSet<>();
        app.robot.interact(() -> app.stage().getScene().getRoot().lookup("#nav-home").requestFocus());
        for (int i = 0; i < 40; i++) {
            app.robot.type(KeyCode.TAB);
            Node owner = app.stage().getScene().getFocusOwner();
            if (owner != null && owner.getId() != null) {
                reached.add(owner.getId());
            }
        }
        assertThat(reached).contains("nav-search", "nav-library", "nav-queue", "nav-downloads", "nav-wallet",
                "nav-settings");
    }

    private static String name(Node n) {
        if (n.getAccessibleText() != null && !n.getAccessibleText().isBlank()) {
            return n.getAccessibleText();
        }
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
            return l.getText();
        }
        if (n instanceof javafx.scene.control.TextInputControl t && t.getPromptText() != null) {
            return t.getPromptText();
        }
        if (n instanceof javafx.scene.control.ComboBox<?> c && c.getValue() != null) {
            return c.getValue().toString();
        }
        return "";
    }

    @Test
    void aListenerAddsMoneyWithTheTestCardAndBuysAShareOfATrack() throws Exception {
        app.launch("en", "onboarding");
        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write("owner-" + UUID.randomUUID() + "@example.com");
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
        app.robot.clickOn(app.find("#submit").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.find("#shell").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents(); // the FX thread may still be attaching the shell to the scene

        app.robot.clickOn(app.find("#nav-wallet").queryAs(Node.class));
        Label balance = app.find("#balance").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$0.00"));
        app.robot.clickOn(app.find("#card").queryAs(Node.class)).write("4242 4242 4242 4242");
        app.robot.clickOn(app.find("#add-money").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$20.00"));
        assertThat(app.find("#wallet-message").queryAs(Label.class).getText())
                .isEqualTo("Added $20.00. Your balance is $20.00.");
        app.shoot("wallet-topped-up");

        app.robot.clickOn(app.find("#nav-search").queryAs(Node.class));
        app.robot.clickOn(app.find("#search").queryAs(Node.class)).write("midnight");
        ListView<TrackRow> results = app.find("#results").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.robot.from(results).lookup("Midnight Harbour")
                .tryQuery().isPresent());
        app.robot.clickOn(app.robot.from(results).lookup("Midnight Harbour").queryLabeled());
        Label offering = app.find("#offering").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> offering.getText().startsWith("0 of 100 tokens sold"));
        app.robot.doubleClickOn(app.find("#quantity .text-field").queryAs(Node.class)).write("4").type(KeyCode.ENTER);
        app.robot.clickOn(app.find("#quote").queryAs(Node.class));
        Label price = app.find("#price").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !price.getText().isEmpty());
        assertThat(price.getText()).startsWith("You pay $1.00 ($0.90 to the artist, $0.10 platform fee). You get 4 "
                + "tokens: 0.72% of this track's play revenue.");
        assertThat(app.find("#preview").queryTextInputControl().getText())
                .startsWith("Normal Dance purchase\nBuy 4 tokens of \"Midnight Harbour\"");
        app.shoot("buy-confirm");

        app.robot.clickOn(app.find("#confirm").queryAs(Node.class));
        Label receipt = app.find("#receipt").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !receipt.getText().isEmpty());
        assertThat(receipt.getText()).isEqualTo("Done. You hold 4 tokens of this track; your balance is $19.00.");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> offering.getText().startsWith("4 of 100 tokens sold"));
        app.shoot("buy-receipt");

        app.robot.clickOn(app.find("#nav-wallet").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$19.00"));
        ListView<String> holdings = app.find("#holdings").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !holdings.getItems().isEmpty());
        assertThat(holdings.getItems().getFirst()).startsWith("Midnight Harbour").contains(": 4 tokens");
        app.shoot("wallet-holdings");
    }

    @Test
    void theDemoStartsSignedInToAListenerWithMoneyToSpendAndResumesThemNextTime() throws Exception {
        app.launch("en", "shell", "--demo-listener");
        Label who = app.find("#signed-in").queryAs(Label.class);
        assertThat(who.getText()).matches("Signed in as listener-[0-9a-f]{8}@demo\\.normal\\.dance");
        String first = who.getText();
        app.click("#nav-wallet");
        Label balance = app.find("#balance").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> balance.getText().equals("$25.00"));
        app.click("#nav-settings");
        assertThat(app.<Label>node("#demo-no-phrase").getText()).startsWith("This demo account was made for you");
        assertThat(app.find("#show-phrase").tryQuery()).as("no password to ask for").isEmpty();

        app.stop();
        app.launch("en", "shell", "--demo-listener");
        assertThat(app.find("#signed-in").queryAs(Label.class).getText()).as("the same listener, not a new one")
                .isEqualTo(first);
    }

    @Test
    void aWrongPasswordIsOneSentenceInRussianAndNothingElseHappens() throws Exception {
        app.launch("ru", "onboarding");
        String email = server.signup("listener").get("me").get("email").asText();

        app.robot.clickOn(app.find("#toggle").queryAs(Node.class));
        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write(email);
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("not the password");
        app.robot.clickOn(app.find("#submit").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.find("#error").queryAs(Label.class)
                .getText().isEmpty());

        assertThat(app.find("#error").queryAs(Label.class).getText())
                .isEqualTo("Почта и пароль не подходят ни к одному аккаунту.");
        assertThat(app.find("#submit").queryButton().getText()).isEqualTo("Войти");
        assertThat(app.find("#shell").tryQuery()).isEmpty();
        assertThat(dataDir.resolve("users")).doesNotExist();
        app.shoot("onboarding-error-ru");
    }

    /**
     * Another server: a wrong address, nothing listening, or something that is not Normal Dance each get one
     * sentence and change nothing; a real one is where they sign up next, and stays chosen after a restart. Each
     * server keeps its own session: back on the first one, it asks them to sign in there.
     */
    @Test
    void aListenerMovesToAnotherServerWhichStaysChosenAndEachServerKeepsItsOwnSession() throws Exception {
        try (TestServer other = TestServer.start();
             Closeable notOurs = notNormalDance()) {
            app.launch("en", "onboarding");
            app.click("#change-server");
            Label message = app.node("#server-message");
            connect("this is not an address");
            assertThat(message.getText()).isEqualTo("That is not a server address; one looks like "
                    + "https://music.example.com.");
            connect("http://music.example.com");
            assertThat(message.getText()).startsWith("Use https:// for a server on another machine");
            connect("127.0.0.1:1");
            app.await("nothing answers", () -> message.getText().startsWith("Nothing answers"), message::getText);
            assertThat(message.getText()).isEqualTo("Nothing answers at http://127.0.0.1:1/. Check the address, "
                    + "and that the server is running.");
            connect(notOurs.toString());
            app.await("not ours", () -> message.getText().endsWith("is not a Normal Dance server."),
                    message::getText);
            assertThat(app.<Label>node("#onboarding-server").getText()).isEqualTo("Server: " + server.url("/"));
            app.shoot("onboarding-server-error");

            connect(other.url("/"));
            app.await("the other server", () -> app.find("#onboarding-server").tryQuery()
                    .map(l -> ((Label) l).getText().equals("Server: " + other.url("/"))).orElse(false));
            String email = "mover-" + UUID.randomUUID() + "@example.com";
            app.robot.clickOn(app.find("#email").queryAs(Node.class)).write(email);
            app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
            app.click("#submit");
            app.await("the shell on the other server", () -> app.find("#shell").tryQuery().isPresent());
            Map<String, String> login = Map.of("email", email, "password", "correct horse battery");
            assertThat(other.postJson("/api/v1/auth/login", null, login).statusCode()).isEqualTo(200);
            assertThat(server.postJson("/api/v1/auth/login", null, login).statusCode()).isEqualTo(401);

            // A restart without --server: the chosen server, and the session saved for it.
            app.stop();
            AppDriver plain = new AppDriver(null, dataDir);
            app = plain;
            app.launch("en", "shell");
            assertThat(app.<Label>node("#signed-in").getText()).isEqualTo("Signed in as " + email);
            app.click("#nav-settings");
            assertThat(app.<TextField>node("#server-address").getText()).isEqualTo(other.url("/"));
            app.shoot("settings-server");

            // Back to the first server: no session there yet, so sign in there.
            app.robot.interact(() -> app.<TextField>node("#server-address").setText(server.url("/")));
            app.click("#server-connect");
            app.await("onboarding on the first server", () -> app.find("#onboarding-server").tryQuery()
                    .map(l -> ((Label) l).getText().equals("Server: " + server.url("/"))).orElse(false));
        }
    }

    /**
     * A self-signed server (decision 0028): choosing it shows its certificate's fingerprint, the one the server
     * printed; Trust pins it and the listener signs up over HTTPS. Another certificate at the same address later is
     * not used silently: the changed one is shown with a warning, Cancel keeps the current server, and a client
     * holding the old pin is refused with one sentence in the listener's language.
     */
    @Test
    void aSelfSignedServerIsTrustedByItsFingerprintAndAChangedCertificateIsRefused() throws Exception {
        java.util.function.UnaryOperator<dance.normal.server.ServerConfig> selfSigned = c -> c.withHttp(
                c.http().withTls(new dance.normal.server.HttpOptions.Tls.SelfSigned()));
        TestServer first = TestServer.start(dance.normal.server.support.Databases.Kind.SQLITE, selfSigned);
        java.net.URI address = java.net.URI.create(first.url("/"));
        String fingerprint;
        try {
            assertThat(address.getScheme()).isEqualTo("https");
            fingerprint = dance.normal.server.http.TlsKeys.fingerprint(first.server().certificate().orElseThrow());
            app.launch("en", "onboarding");
            app.click("#change-server");
            Label message = app.node("#server-message");
            connect(address.toString());
            app.await("the fingerprint", () -> app.<Node>node("#server-choice").isVisible(), message::getText);
            assertThat(shown(message)).isEqualTo("This server's certificate is not signed by an authority this "
                    + "computer knows. Its fingerprint is " + fingerprint + "; check it matches the one the server "
                    + "printed, then choose Trust.");
            assertThat(SessionOpener.pins(dataDir).pinned(address)).isEmpty();
            app.shoot("onboarding-trust-certificate");

            app.click("#server-trust");
            app.await("the self-signed server", () -> app.find("#onboarding-server").tryQuery()
                    .map(l -> ((Label) l).getText().equals("Server: " + address)).orElse(false), message::getText);
            assertThat(SessionOpener.pins(dataDir).pinned(address)).contains(fingerprint);
            String email = "lan-" + UUID.randomUUID() + "@example.com";
            app.robot.clickOn(app.find("#email").queryAs(Node.class)).write(email);
            app.robot.clickOn(app.find("#password").queryAs(Node.class)).write("correct horse battery");
            app.click("#submit");
            app.await("the shell over https", () -> app.find("#shell").tryQuery().isPresent(),
                    () -> app.<Label>node("#error").getText());
            assertThat(app.<Label>node("#signed-in").getText()).isEqualTo("Signed in as " + email);

            // Back to the plain loopback server, from Settings.
            app.click("#nav-settings");
            connect(server.url("/"));
            app.await("onboarding on the first server", () -> app.find("#onboarding-server").tryQuery()
                    .map(l -> ((Label) l).getText().equals("Server: " + server.url("/"))).orElse(false));
        } finally {
            first.close();
        }

        // Another self-signed server on the same address and port: a new certificate.
        try (TestServer second = TestServer.start(dance.normal.server.support.Databases.Kind.SQLITE,
                c -> selfSigned.apply(c.withPort(address.getPort())))) {
            assertThat(second.url("/")).isEqualTo(address.toString());
            String changed = dance.normal.server.http.TlsKeys.fingerprint(
                    second.server().certificate().orElseThrow());
            assertThat(changed).isNotEqualTo(fingerprint);
            app.click("#change-server");
            Label message = app.node("#server-message");
            connect(address.toString());
            app.await("the changed fingerprint", () -> app.<Node>node("#server-choice").isVisible(),
                    message::getText);
            assertThat(shown(message)).isEqualTo("This server's certificate changed since you trusted it: someone "
                    + "may be in between. Its fingerprint is now " + changed + "; choose Trust only if the server's "
                    + "owner replaced it and this matches the one the server printed.");
            app.shoot("onboarding-certificate-changed");
            app.click("#server-cancel");
            assertThat(message.getText()).isEmpty();
            assertThat(app.<Node>node("#server-choice").isVisible()).isFalse();
            assertThat(app.<TextField>node("#server-address").getText()).isEqualTo(server.url("/"));
            assertThat(app.<Label>node("#onboarding-server").getText()).isEqualTo("Server: " + server.url("/"));
            assertThat(SessionOpener.pins(dataDir).pinned(address)).contains(fingerprint);

            // A client still holding the old pin (a session on that server) is refused, in one sentence.
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> SessionOpener.isNormalDanceServer(address, java.util.Optional.of(fingerprint)));
            assertThat(refused).isInstanceOf(dance.normal.sync.api.UntrustedCertificateException.class);
            assertThat(new dance.normal.app.ui.I18n(java.util.Locale.ENGLISH).sentence(refused)).isEqualTo(
                    "The server's certificate changed since you trusted it, so the app refuses it: someone may be "
                    + "in between. If its owner replaced it, choose the server again in Settings.");
            assertThat(new dance.normal.app.ui.I18n(java.util.Locale.of("ru")).sentence(refused)).startsWith(
                    "Сертификат сервера изменился с тех пор, как вы ему доверились");
        }
    }

    /** The message as the listener reads it, without the thin spaces that let a fingerprint wrap between pairs. */
    private static String shown(Label message) {
        return message.getText().replace("\u2009", "");
    }

    private void connect(String address) {
        app.robot.interact(() -> app.<TextField>node("#server-address").setText(address));
        app.click("#server-connect");
    }

    /** A real HTTP server on loopback that answers, but not as Normal Dance does. */
    private static Closeable notNormalDance() throws java.io.IOException {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] page = "<html><body>It works!</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        return new Closeable() {
            @Override
            public void close() {
                http.stop(0);
            }

            @Override
            public String toString() {
                return url;
            }
        };
    }
}
