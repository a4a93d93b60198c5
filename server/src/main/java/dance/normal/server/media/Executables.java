package dance.normal.server.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the server can use when they are installed (ffmpeg, ffprobe). */
public final class Executables {

    private Executables() {
    }

    /** The executable {@code name} (or {@code name.exe}) on the PATH, as an absolute path. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : new String[] {name, name + ".exe"}) {
                try {
                    Path p = Path.of(dir, candidate);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(p.toAbsolutePath());
                    }
                } catch (InvalidPathException e) {
                    // A malformed PATH entry; the others may still be good.
                }
            }
        }
        return Optional.empty();
    }
}
