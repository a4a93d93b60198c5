package dance.normal.player.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Audio files made by ffmpeg for tests: real encodes of generated tones. */
public final class Tones {

    private Tones() {
    }

    /**
     * Encodes an ffmpeg lavfi source (e.g. {@code sine=frequency=440:duration=3}) as 44.1 kHz stereo.
     *
     * @param source the lavfi source, with any filters appended after a comma
     * @param codec  the ffmpeg audio codec, e.g. {@code pcm_s16le} or {@code flac}
     * @param file   where to write; the extension picks the container
     * @return {@code file}
     */
    public static Path make(String source, String codec, Path file) throws Exception {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", source, "-ac", "2", "-ar", "44100", "-c:a", codec, file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("ffmpeg %s: %s", file.getFileName(), output).isZero();
        return file;
    }
}
