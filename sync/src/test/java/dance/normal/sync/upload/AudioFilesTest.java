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
    void whatIsNotThereGivesNothing() {
        assertThat(AudioFiles.expand(List.of(dir.resolve("missing.mp3")))).isEmpty();
    }
}
