package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Devices;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.keys.SoftwareSigner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The account's devices in Settings, on the real JavaFX toolkit against a real server: signing up registers this
 * computer's wallet key through the challenge and the password (no other way is open now), Settings lists it as
 * this device beside another device of the account, and Remove takes that one off the account on the server.
 */
class SettingsDevicesIT {

    private static TestServer server;
    private AppDriver app;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
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
    void settingsListTheAccountsDevicesAndRemoveOne() throws Exception {
        String email = "devices-" + UUID.randomUUID() + "@example.com";
        app.launch("en", "onboarding");
        app.robot.clickOn(app.find("#email").queryAs(Node.class)).write(email);
        app.robot.clickOn(app.find("#password").queryAs(Node.class)).write(Devices.PASSWORD);
        app.robot.clickOn(app.find("#submit").queryAs(Node.class));
        // Making the wallet (Argon2id) is slow on a loaded machine: a generous deadline, not a pause.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> app.find("#shell").tryQuery().isPresent());
        String token = TestServer.json(server.postJson("/api/v1/auth/login", null,
                Map.of("email", email, "password", Devices.PASSWORD))).path("accessToken").asText();
        List<JsonNode> registered = devices(token);
        assertThat(registered).as("the app registered its wallet key at sign-up").hasSize(1);
        String walletKey = registered.getFirst().path("publicKey").asText();
        String oldPhone = Devices.registered(server, token, SoftwareSigner.generate(new SecureRandom()), "Old phone")
                .path("id").asText();

        app.click("#nav-settings");
        VBox list = app.node("#devices");
        app.await("both devices listed", () -> list.getChildren().size() == 2);
        scrollTo(list);
        assertThat(texts(list)).anyMatch(t -> t.contains("This computer") && t.contains("This device")
                && t.contains(walletKey.substring(0, 6)));
        assertThat(texts(list)).anyMatch(t -> t.contains("Old phone") && !t.contains("This device"));
        assertThat(app.find("#remove-device-" + registered.getFirst().path("id").asText()).tryQuery())
                .as("this device cannot be removed from here").isEmpty();
        app.shoot("settings-devices-en");

        app.click("#remove-device-" + oldPhone);
        app.await("the removed device gone", () -> list.getChildren().size() == 1);

        assertThat(devices(token)).extracting(d -> d.path("publicKey").asText()).containsExactly(walletKey);
        assertThat(app.find("#devices-error").queryAs(Label.class).getText()).isEmpty();
    }

    /** Scrolls Settings so that {@code node} (at the bottom of the screen) is in view, as a listener would. */
    private void scrollTo(Node node) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Node p = node; p != null; p = p.getParent()) {
                if (p instanceof ScrollPane pane) {
                    pane.layout();
                    pane.setVvalue(pane.getVmax());
                }
            }
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<JsonNode> devices(String token) {
        HttpResponse<String> r = server.get("/api/v1/me/devices", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        TestServer.json(r).forEach(list::add);
        return list;
    }

    /** The words of each row, read on the FX thread. */
    private static List<String> texts(VBox list) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> list.getChildren().stream()
                .map(row -> row.lookupAll(".label").stream().map(l -> ((Label) l).getText())
                        .reduce("", (a, b) -> a + " | " + b))
                .toList()).get();
    }
}
