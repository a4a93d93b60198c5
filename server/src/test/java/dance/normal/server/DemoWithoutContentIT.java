package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.server.support.ServerProcess;
import dance.normal.server.upload.DemoContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo catalog lives in the demo-content module, which the server's own class path (and so this module's tests)
 * does not have: {@code --demo} without it stops the server with a sentence saying what is missing.
 */
class DemoWithoutContentIT {

    @TempDir
    Path dir;

    @Test
    void demoContentIsNotOnTheProductionServersClassPath() {
        assertThat(DemoWithoutContentIT.class.getClassLoader().getResource(
                "META-INF/services/" + DemoContent.class.getName())).isNull();
    }

    @Test
    void aServerAskedForTheDemoWithoutDemoContentExitsWithASentenceAndNoStackTrace() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        ServerProcess.Exit exit = ServerProcess.runToExit(data, Map.of(), Duration.ofMinutes(2), "--demo");

        assertThat(exit.code()).as("exit code; stderr: %s", exit.stderr()).isEqualTo(1);
        assertThat(exit.stdout()).doesNotContain("listening on");
        assertThat(exit.stderr()).contains("The server cannot start: " + DemoContent.MISSING)
                .doesNotContain("\tat ");
    }
}
