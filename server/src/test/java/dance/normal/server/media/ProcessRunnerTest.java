package dance.normal.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @BeforeAll
    static void needsShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    }

    @Test
    void killsAProcessThatOutlivesItsTimeout() throws Exception {
        long start = System.nanoTime();

        ProcessRunner.Result result = ProcessRunner.run(List.of("/bin/sh", "-c", "echo started; exec sleep 30"),
                Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void drainsBothPipesSoAChattyToolCannotBlock() throws Exception {
        // Megabytes to stderr before any stdout: a runner that read stdout to its end first would wait forever on
        // a tool blocked writing to a full stderr pipe.
        String script = "seq 0 99999 | sed 's/^/err line /' >&2; seq 0 99999 | sed 's/^/out line /'; echo last >&2";

        ProcessRunner.Result result = ProcessRunner.run(List.of("/bin/sh", "-c", script), Duration.ofSeconds(20));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("out line 0\n").endsWith("out line 99999\n");
        // Only head and tail are kept of long output; the end is what matters for ffmpeg's summaries.
        assertThat(result.stderr()).startsWith("err line 0\n").contains("[...]").endsWith("last\n");
    }
}
