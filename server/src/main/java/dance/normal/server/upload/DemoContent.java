package dance.normal.server.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;

/**
 * The music and covers of {@code --demo}. They are made by the {@code demo-content} module, which is not part of the
 * production server jar: {@code ./nd server}, {@code ./nd demo} and the tests put it on the class path, and the
 * server finds it here through {@link ServiceLoader} without a compile-time dependency on it.
 */
public interface DemoContent {

    /** The sentence a server started with {@code --demo} but without the demo-content module stops with. */
    String MISSING = "--demo needs the demo catalog (the demo-content module), which is not on the class path; "
            + "start the server with ./nd server or ./nd demo, or put demo-content.jar beside server.jar on the "
            + "class path.";

    /**
     * Writes the demo tracks and their releases' artwork into {@code dir} (created if missing; files already there
     * may be reused) and returns them in release order.
     *
     * @param progress called with (tracks done, total tracks)
     */
    List<DemoTrack> generate(Path dir, BiConsumer<Integer, Integer> progress) throws IOException;

    /** The demo content on the class path; throws {@link IllegalStateException} with {@link #MISSING} if none. */
    static DemoContent load() {
        return load(DemoContent.class.getClassLoader());
    }

    /** As {@link #load()}, from {@code loader}. */
    static DemoContent load(ClassLoader loader) {
        return ServiceLoader.load(DemoContent.class, loader).findFirst()
                .orElseThrow(() -> new IllegalStateException(MISSING));
    }
}
