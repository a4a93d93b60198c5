package dance.normal.demo;

import dance.normal.server.upload.DemoContent;
import dance.normal.server.upload.DemoTrack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** The server's {@code --demo} catalog: {@link DemoMusic}'s generated tracks, found by {@code ServiceLoader}. */
public final class GeneratedDemoContent implements DemoContent {

    @Override
    public List<DemoTrack> generate(Path dir, BiConsumer<Integer, Integer> progress) throws IOException {
        return DemoMusic.generate(dir, progress);
    }
}
