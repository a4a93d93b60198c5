package dance.normal.sync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
                try {
                    List<Path> found = walk(path);
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

    /**
     * The audio files under {@code root}, following links to files and folders (a linked album folder is dropped as
     * it looks) but skipping a link that leads back to a folder being walked: one symlink loop costs that link only,
     * not the whole folder.
     */
    private static List<Path> walk(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(root, file) && isAudio(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return found;
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
