package dance.normal.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real app in the test's JavaFX toolkit (headless Monocle): starts it against a server and a data dir,
 * finds nodes in its own window only, waits, clicks, and saves screenshots in both themes.
 */
final class AppDriver {

    final FxRobot robot = new FxRobot();
    private final String serverUrl;
    private final Path dataDir;
    private Stage stage;
    private Application app;

    /** @param serverUrl given as --server, or null for none (the server chosen in Settings, else the default) */
    AppDriver(String serverUrl, Path dataDir) {
        this.serverUrl = serverUrl;
        this.dataDir = dataDir;
    }

    /** Starts the app and waits until it shows {@code screen} (the id of the scene's root). */
    void launch(String lang, String screen, String... options) throws Exception {
        System.setProperty("nd.lang", lang);
        System.setProperty("nd.theme", "light");
        stage = FxToolkit.registerPrimaryStage();
        Scene before = stage.getScene();
        java.util.List<String> args = new java.util.ArrayList<>(serverUrl == null ? java.util.List.of()
                : java.util.List.of("--server", serverUrl));
        args.addAll(java.util.List.of("--data-dir", dataDir.toString()));
        args.addAll(java.util.List.of(options));
        app = FxToolkit.setupApplication(NormalDanceApp.class, args.toArray(String[]::new));
        // The new app's start() may still be on its way: wait for its own scene, not the last test's.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> stage.getScene() != before
                && screen.equals(stage.getScene().getRoot().getId()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Stops the app as closing its window would: the session, its player and its store close. */
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
    }

    void close() throws Exception {
        stop();
        FxToolkit.cleanupStages();
        System.clearProperty("nd.lang");
    }

    Stage stage() {
        return stage;
    }

    /** Looks only in this app's window: earlier windows' nodes may still be around. */
    NodeQuery find(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    <T extends Node> T node(String query) {
        return find(query).query();
    }

    void click(String query) {
        robot.clickOn(find(query).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for a condition read on the FX thread; on timeout says what {@code state} showed. */
    void await(String what, BooleanSupplier done, java.util.function.Supplier<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(done::getAsBoolean)
                    .get());
        } catch (TimeoutException e) {
            WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(), "failed-" + what.replace(' ', '-')))
                    .get();
            throw new AssertionError("Timed out waiting for " + what + "; the app showed: "
                    + WaitForAsyncUtils.asyncFx(state::get).get(), e);
        }
    }

    void await(String what, BooleanSupplier done) throws Exception {
        await(what, done, () -> "(see the screenshots)");
    }

    /** Saves the window in the light theme and in the dark one, under target/screenshots. */
    void shoot(String name) throws Exception {
        Scene scene = stage.getScene();
        for (boolean dark : new boolean[] {false, true}) {
            WaitForAsyncUtils.asyncFx(() -> {
                Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name + (dark ? "-dark" : "-light"))).get();
        }
        Platform.runLater(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
