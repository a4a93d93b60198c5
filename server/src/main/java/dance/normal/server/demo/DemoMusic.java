package dance.normal.server.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** TEMPORARY STUB written by the lead so the module compiles; the demo helper replaces this whole file. */
public final class DemoMusic {

    private DemoMusic() {
    }

    public static List<DemoTrack> generate(Path dir, BiConsumer<Integer, Integer> progress) throws IOException {
        throw new IOException("demo generator not written yet");
    }
}
