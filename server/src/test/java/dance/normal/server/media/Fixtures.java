package dance.normal.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Real audio files made by ffmpeg at test time, so that no binary fixtures live in the repository. */
final class Fixtures {

    static final Optional<Path> FFMPEG = Executables.find("ffmpeg");
    static final Optional<Path> FFPROBE = Executables.find("ffprobe");

    static final long TONE_MS = 3000;
    static final String TITLE = "Tone — 440 Hz";
    static final String ARTIST = "Sigur Rós";
    static final String ALBUM = "Fixtures";
    static final String GENRE = "Ambient";
    static final int TRACK = 3;

    private Fixtures() {
    }

    /**
     * A 3 s stereo 440 Hz tone in {@code format}, tagged, in a file named without extension as the server stores
     * uploads. Tags go in through an ffmetadata file because non-ASCII command-line arguments depend on the locale.
     */
    static Path tone(Path dir, AudioFormat format) throws IOException {
        Path meta = dir.resolve("tags.ffmeta");
        if (!Files.exists(meta)) {
            Files.writeString(meta, ";FFMETADATA1\ntitle=" + TITLE + "\nartist=" + ARTIST + "\nalbum=" + ALBUM
                    + "\ntrack=" + TRACK + "\ngenre=" + GENRE + "\n", StandardCharsets.UTF_8);
        }
        int rate = format == AudioFormat.OGG_OPUS ? 48_000 : 44_100;
        Path out = dir.resolve("tone-" + format.name().toLowerCase());
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "sine=frequency=440:duration=" + TONE_MS / 1000.0 + ":sample_rate=" + rate, "-i", meta.toString(),
                "-map", "0:a", "-map_metadata", "1", "-ac", "2"));
        args.addAll(encoder(format));
        args.add(out.toString());
        ffmpeg(args);
        return out;
    }

    /** Codec and muxer options for each format, muxer named because the output file has no extension. */
    static List<String> encoder(AudioFormat format) {
        return switch (format) {
            case WAV -> List.of("-c:a", "pcm_s16le", "-f", "wav");
            case FLAC -> List.of("-c:a", "flac", "-f", "flac");
            case OGG_VORBIS -> List.of("-c:a", "libvorbis", "-f", "ogg");
            case OGG_OPUS -> List.of("-c:a", "libopus", "-b:a", "96k", "-f", "ogg");
            case MP3 -> List.of("-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3");
            case M4A -> List.of("-c:a", "aac", "-b:a", "128k", "-f", "ipod");
        };
    }

    /** Runs ffmpeg quietly, overwriting its output; fails the test if ffmpeg does. */
    static void ffmpeg(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(FFMPEG.orElseThrow().toString(), "-nostdin", "-v", "error",
                "-y"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(waitFor(p)).as("ffmpeg %s: %s", args, output).isZero();
    }

    /** What ffprobe prints to stdout for {@code args}. */
    static String ffprobe(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(FFPROBE.orElseThrow().toString(), "-v", "error"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(waitFor(p)).as("ffprobe %s", args).isZero();
        return output;
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The first {@code n} bytes of {@code file}, in a new file. */
    static Path head(Path file, long n, String name) throws IOException {
        Path out = file.resolveSibling(name);
        byte[] all = Files.readAllBytes(file);
        Files.write(out, Arrays.copyOf(all, (int) Math.min(n, all.length)));
        return out;
    }

    /** The first {@link AudioSniffer#HEAD_BYTES} of a file, as an upload handler would hand them to the sniffer. */
    static byte[] headBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOf(all, Math.min(all.length, AudioSniffer.HEAD_BYTES));
    }
}
