package dance.normal.sync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** What a drop or a choice of files and folders means: the files to upload, each folder expanded to its audio. */
public final class AudioFiles {

    /** The extensions of the formats the server takes (WAV, FLAC, Ogg Vorbis and Opus, MP3, M4A). */
    public static final Set<String> EXTENSIONS = Set.of("wav", "wave", "flac", "ogg", "oga", "opus", "mp3", "m4a");
    private static final int MAX_DEPTH = 16;

    private AudioFiles() {
    }

    /**
     * The files to upload: the audio files given, and those in the folders given and their subfolders, by name,
     * skipping hidden ones (such as macOS's {@code ._} copies). Audio is judged by the name here (the server judges
     * the content), so a stray document is not sent only to be refused. No file twice.
     *
     * @throws UncheckedIOException if a folder cannot be read
     */
    public static List<Path> expand(Collection<Path> chosen) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : chosen) {
            Path path = p.toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
                    List<Path> found = new ArrayList<>(walk.filter(Files::isRegularFile)
                            .filter(f -> !hidden(path, f)).filter(AudioFiles::isAudio).toList());
                    found.sort(null);
                    out.addAll(found);
                } catch (IOException e) {
                    throw new UncheckedIOException("The folder " + path.getFileName() + " cannot be read", e);
                }
            } else if (Files.isRegularFile(path) && isAudio(path)) {
                out.add(path);
            }
        }
        return List.copyOf(out);
    }

    /** Whether a file's name says it is audio the server takes. */
    public static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
