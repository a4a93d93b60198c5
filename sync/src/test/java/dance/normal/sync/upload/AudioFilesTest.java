package dance.normal.sync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drop or a choice of files and folders, as the files to upload. */
class AudioFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFolderExpandsToItsAudioFilesByNameSkippingHiddenOnesAndOtherFiles() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        Files.createDirectories(album.resolve("disc 2"));
        Files.createDirectories(album.resolve(".cache"));
        for (String name : List.of("02 b.MP3", "01 a.flac", "notes.txt", "cover.jpg", "._01 a.flac",
                "disc 2/01 c.wav", "disc 2/02 d.opus", ".cache/x.mp3")) {
            Files.writeString(album.resolve(name), "x");
        }
        Path loose = Files.writeString(dir.resolve("single.m4a"), "x");
        Path odd = Files.writeString(dir.resolve("demo.aiff"), "x");

        List<Path> files = AudioFiles.expand(List.of(album, loose, odd, album.resolve("01 a.flac")));

        assertThat(files).extracting(p -> dir.relativize(p).toString()).containsExactly("album/01 a.flac",
                "album/02 b.MP3", "album/disc 2/01 c.wav", "album/disc 2/02 d.opus", "single.m4a");
    }

    @Test
    void aSymlinkLoopIsSkippedAndTheRestOfTheFolderKept() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        Path disc = Files.createDirectories(album.resolve("disc 1"));
        Files.writeString(album.resolve("01 a.flac"), "x");
        Files.writeString(disc.resolve("02 b.mp3"), "x");
        Files.createSymbolicLink(disc.resolve("back to album"), album);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("03 c.wav"), "x");
        Files.createSymbolicLink(album.resolve("linked"), elsewhere);

        List<Path> files = AudioFiles.expand(List.of(album));

        assertThat(files).extracting(p -> dir.relativize(p).toString()).containsExactly("album/01 a.flac",
                "album/disc 1/02 b.mp3", "album/linked/03 c.wav");
    }

    @Test
    void whatIsNotThereGivesNothing() {
        assertThat(AudioFiles.expand(List.of(dir.resolve("missing.mp3")))).isEmpty();
    }
}
