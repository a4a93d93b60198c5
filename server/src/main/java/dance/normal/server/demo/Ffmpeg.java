package dance.normal.server.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import dance.normal.server.media.Executables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lossy half of the catalog: raw PCM is piped into an ffmpeg process that writes MP3 (LAME) or Ogg Vorbis (Opus
 * when Vorbis is missing), in bit-exact mode so that reruns produce identical files.
 */
final class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;
    private final boolean mp3;
    private final String oggCodec;

    private Ffmpeg(Path executable, boolean mp3, String oggCodec) {
        this.executable = executable;
        this.mp3 = mp3;
        this.oggCodec = oggCodec;
    }

    /** Finds {@code ffmpeg} on the PATH and asks it which encoders it was built with. */
    static Optional<Ffmpeg> locate() {
        return Executables.find("ffmpeg").flatMap(Ffmpeg::probe);
    }

    static Optional<Ffmpeg> probe(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-hide_banner", "-encoders")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            // Read on the side so a hung ffmpeg cannot block us past the timeout.
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = process.getInputStream()) {
                    in.transferTo(output);
                } catch (IOException ignored) {
                    // Process killed below; the missing listing is handled there.
                }
            });
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                LOG.warn("{} -encoders failed; not using it", executable);
                return Optional.empty();
            }
            reader.join();
            String listing = output.toString(StandardCharsets.UTF_8);
            boolean lame = hasEncoder(listing, "libmp3lame");
            String ogg = hasEncoder(listing, "libvorbis") ? "libvorbis" : hasEncoder(listing, "libopus") ? "libopus"
                    : null;
            return Optional.of(new Ffmpeg(executable, lame, ogg));
        } catch (IOException e) {
            LOG.warn("cannot run {}: {}", executable, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean hasEncoder(String listing, String name) {
        return listing.lines().anyMatch(line -> {
            String[] cols = line.trim().split("\\s+");
            return cols.length > 1 && cols[1].equals(name);
        });
    }

    Set<AudioFormat> formats() {
        Set<AudioFormat> formats = EnumSet.noneOf(AudioFormat.class);
        if (mp3) {
            formats.add(AudioFormat.MP3);
        }
        if (oggCodec != null) {
            formats.add(AudioFormat.OGG);
        }
        return formats;
    }

    /** Encodes {@code pcm} into {@code target}, which is written as is (callers pass a temporary name). */
    void encode(Pcm pcm, AudioFormat format, Tags tags, Path target) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "-hide_banner", "-v", "error", "-y",
                "-f", "s16le", "-ar", Integer.toString(pcm.sampleRate()), "-ac", Integer.toString(pcm.channels()),
                "-i", "pipe:0", "-fflags", "+bitexact", "-flags:a", "+bitexact"));
        switch (format) {
            // LAME's -q 5 encodes twice as fast as ffmpeg's default and is indistinguishable at 192 kbit/s.
            case MP3 -> cmd.addAll(List.of("-c:a", "libmp3lame", "-b:a", "192k", "-compression_level", "5",
                    "-id3v2_version", "3", "-f", "mp3"));
            case OGG -> {
                if ("libvorbis".equals(oggCodec)) {
                    cmd.addAll(List.of("-c:a", "libvorbis", "-q:a", "4"));
                } else {
                    // Opus only runs at 48 kHz.
                    cmd.addAll(List.of("-c:a", "libopus", "-b:a", "128k", "-ar", "48000"));
                }
                cmd.addAll(List.of("-f", "ogg"));
            }
            default -> throw new IllegalArgumentException("ffmpeg is only used for MP3 and OGG, not " + format);
        }
        cmd.addAll(List.of("-metadata", "title=" + tags.title(), "-metadata", "artist=" + tags.artist(),
                "-metadata", "album=" + tags.album(), "-metadata", "track=" + tags.track(),
                "-metadata", "genre=" + tags.genre(), "-metadata", "date=" + tags.year(), target.toString()));
        run(cmd, pcm.littleEndian());
    }

    private static void run(List<String> cmd, byte[] input) throws IOException {
        Path errors = Files.createTempFile("demo-ffmpeg", ".log");
        try {
            Process process = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile())
                    .start();
            // Feeding stdin from another thread lets the timeout below fire even if ffmpeg stops reading.
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException ignored) {
                    // ffmpeg exited early; its exit code and log below say why.
                }
            });
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while encoding", e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish within " + TIMEOUT_SECONDS + " s");
            }
            try {
                feeder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while encoding", e);
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(errors, StandardCharsets.UTF_8).strip();
                throw new IOException("ffmpeg exited with " + process.exitValue() + ": " + message);
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
