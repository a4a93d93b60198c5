package dance.normal.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Real audio files for tests, made once per JVM by ffmpeg (installed by ./nd test) from a generated tone. */
public final class Fixtures {

    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /**
     * A {@code seconds}-long tone in a container by extension: wav, flac, ogg (Vorbis), opus, mp3, m4a. Tags title,
     * artist, album, track and genre are set from {@code title}.
     */
    public static Path audio(String extension, int seconds, String title) {
        return CACHE.computeIfAbsent(extension + "/" + seconds + "/" + title, k -> make(extension, seconds, title));
    }

    /**
     * A {@code seconds}-long stereo 440 Hz sine whose samples reach {@code amplitude} of full scale (0.5 is a sample
     * peak of -6.02 dBFS), untagged, in a lossless container by extension: wav or flac.
     */
    public static Path sine(String extension, double amplitude, int seconds) {
        return CACHE.computeIfAbsent("sine/" + extension + "/" + amplitude + "/" + seconds, k -> {
            String wave = amplitude + "*sin(2*PI*440*t)";
            return make(extension, List.of("aevalsrc=" + wave + "|" + wave + ":s=44100:d=" + seconds), List.of());
        });
    }

    private static Path make(String extension, int seconds, String title) {
        return make(extension, List.of("sine=frequency=440:sample_rate=44100:duration=" + seconds, "-ac", "2"),
                List.of("-metadata", "title=" + title, "-metadata", "artist=Fixture Artist", "-metadata",
                        "album=Fixture Album", "-metadata", "track=3", "-metadata", "genre=Test"));
    }

    /** @param source a lavfi source graph, optionally followed by output options (e.g. a channel count) */
    private static Path make(String extension, List<String> source, List<String> metadata) {
        try {
            Path dir = Files.createTempDirectory("nd-fixture-");
            dir.toFile().deleteOnExit();
            Path out = dir.resolve("fixture." + extension);
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i"));
            cmd.addAll(source);
            switch (extension) {
                case "ogg" -> cmd.addAll(List.of("-c:a", "libvorbis"));
                case "opus" -> cmd.addAll(List.of("-c:a", "libopus"));
                case "mp3" -> cmd.addAll(List.of("-c:a", "libmp3lame", "-b:a", "128k"));
                case "m4a" -> cmd.addAll(List.of("-c:a", "aac", "-b:a", "128k"));
                default -> {
                    // wav and flac take ffmpeg's defaults
                }
            }
            cmd.addAll(metadata);
            cmd.add(out.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + output);
            }
            out.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("ffmpeg is needed for tests (./nd test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body; values are byte[] (sent as a file part) or String (a field). */
    public record Multipart(String contentType, byte[] body) {

        public static Multipart of(Map<String, Object> parts) {
            String boundary = "----nd" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (var e : parts.entrySet()) {
                    out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                    if (e.getValue() instanceof byte[] bytes) {
                        out.write(("Content-Disposition: form-data; name=\"" + e.getKey() + "\"; filename=\""
                                + e.getKey() + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.write(bytes);
                    } else {
                        out.write(("Content-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                                + e.getValue()).getBytes(StandardCharsets.UTF_8));
                    }
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }
    }
}
