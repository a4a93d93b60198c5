package dance.normal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No production class of any module is over {@value #MAX_LINES} lines: a longer one does more than one thing. The
 * one exception is {@code VlcEngine}, whose threads and libVLC's quirks are one story (its class comment says why).
 * It lives here, in the first module of the reactor, and reads every module's {@code src/main/java}.
 */
class ClassLengthTest {

    private static final int MAX_LINES = 500;
    private static final List<String> EXCEPTIONS =
            List.of("player/src/main/java/dance/normal/player/vlc/VlcEngine.java");

    @Test
    void noProductionClassIsOverFiveHundredLines() throws IOException {
        Path root = reactorRoot();
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path sources : mainSources(root)) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String name = root.relativize(f).toString().replace('\\', '/');
                    long lines = lines(f);
                    if (lines > MAX_LINES && !EXCEPTIONS.contains(name)) {
                        tooLong.put(name, lines);
                    }
                });
            }
        }
        assertThat(tooLong).as("production classes over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void theRuleSeesEveryModule() throws IOException {
        Path root = reactorRoot();
        assertThat(root.resolve(EXCEPTIONS.getFirst())).as("the reactor root is found").exists();
        assertThat(mainSources(root)).contains(root.resolve("protocol/src/main/java"),
                root.resolve("server/src/main/java"), root.resolve("app/src/main/java"));
    }

    /** Every module's {@code src/main/java}, the modules being the directories right under the root. */
    private static List<Path> mainSources(Path root) throws IOException {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The reactor's root: the nearest directory up from this module's that holds the Maven wrapper and a pom. */
    private static Path reactorRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the reactor root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
