package dance.normal.demo;

import dance.normal.server.media.AudioFormat;
import dance.normal.server.media.Executables;
import dance.normal.server.media.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lossy half of the catalog: raw PCM is piped into ffmpeg (run by the server's {@link ProcessRunner}), which
 * writes MP3 (LAME) or Ogg Vorbis (Opus in Ogg when Vorbis is missing), in bit-exact mode so that reruns produce
 * identical files.
 */
final class Encoder {

    private static final Logger LOG = LoggerFactory.getLogger(Encoder.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ENCODE_TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;
    private final boolean mp3;
    private final String oggCodec;

    private Encoder(Path executable, boolean mp3, String oggCodec) {
        this.executable = executable;
        this.mp3 = mp3;
        this.oggCodec = oggCodec;
    }

    /** Finds {@code ffmpeg} on the PATH and asks it which encoders it was built with. */
    static Optional<Encoder> locate() {
        return Executables.find("ffmpeg").flatMap(Encoder::probe);
    }

    static Optional<Encoder> probe(Path executable) {
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.run(List.of(executable.toString(), "-hide_banner", "-encoders"), PROBE_TIMEOUT);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            LOG.warn("cannot run {}: {}", executable, e.getMessage());
            return Optional.empty();
        }
        if (result.timedOut() || result.exitCode() != 0) {
            LOG.warn("{} -encoders failed; not using it", executable);
            return Optional.empty();
        }
        String listing = result.stdout() + result.stderr();
        boolean lame = hasEncoder(listing, "libmp3lame");
        String ogg = hasEncoder(listing, "libvorbis") ? "libvorbis" : hasEncoder(listing, "libopus") ? "libopus"
                : null;
        return Optional.of(new Encoder(executable, lame, ogg));
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
            formats.add(AudioFormat.OGG_VORBIS);
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
            case OGG_VORBIS -> {
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
        ProcessRunner.Result result = ProcessRunner.run(cmd, ENCODE_TIMEOUT, pcm.littleEndian());
        if (result.timedOut()) {
            throw new IOException("ffmpeg did not finish within " + ENCODE_TIMEOUT.toSeconds() + " s");
        }
        if (result.exitCode() != 0) {
            throw new IOException("ffmpeg exited with " + result.exitCode() + ": " + result.stderr().strip());
        }
    }
}
