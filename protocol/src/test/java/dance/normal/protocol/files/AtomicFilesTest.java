package dance.normal.protocol.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("sub").resolve("settings.properties");
        AtomicFiles.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(file)).isEqualTo("two");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteKeepsTheOldVersionAndRemovesItsTemporaryFile() throws IOException {
        Path file = dir.resolve("queue.json");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void ownerOnlyFilesAreCreatedReadableByTheOwnerAlone() throws IOException {
        Path file = dir.resolve("key.pem");
        AtomicFiles.writeOwnerOnly(file, new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void produceMovesWhatAProgramWroteIntoPlaceAndCleansUpAfterAFailure() throws IOException {
        Path file = dir.resolve("track.ogg");
        AtomicFiles.produce(file, temp -> Files.writeString(temp, "encoded"));
        assertThat(Files.readString(file)).isEqualTo("encoded");

        assertThatThrownBy(() -> AtomicFiles.produce(file, temp -> {
            Files.writeString(temp, "partial");
            throw new IOException("encoder failed");
        })).hasMessage("encoder failed");
        assertThat(Files.readString(file)).isEqualTo("encoded");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void moveIntoPlaceReplacesTheTarget() throws IOException {
        Path part = Files.writeString(dir.resolve("download.part"), "new");
        Path target = Files.writeString(dir.resolve("download.flac"), "old");

        AtomicFiles.moveIntoPlace(part, target);

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(part).doesNotExist();
    }
}
