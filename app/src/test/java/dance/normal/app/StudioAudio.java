package dance.normal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Music for the Studio's journey, made by ffmpeg: small songs (a pad over a chord progression, a melody, a kick) that
 * differ in their melody, so the fingerprint matcher tells them apart, and copies of one in another format, which it
 * must flag. Named as an artist names files.
 */
final class StudioAudio {

    /** C, A minor, F, G: one chord per bar of two seconds. */
    private static final String CHORD = "if(lt(mod(t,8),2),130.81,if(lt(mod(t,8),4),110,if(lt(mod(t,8),6),87.31,98)))";

    private StudioAudio() {
    }

    /**
     * A song of {@code seconds} titled {@code title} (in its tags, as an artist's export has them) whose melody's
     * scale degree at step n is {@code melody}, into {@code file}.
     */
    static Path song(Path file, String title, String melody, int seconds, String... codec) {
        String pad = "(sin(2*PI*" + CHORD + "*t)+0.6*sin(2*PI*" + CHORD + "*1.26*t)+0.5*sin(2*PI*" + CHORD
                + "*1.5*t))";
        String degree = melody.replace("n", "floor(t*4)");
        String tune = "sin(2*PI*523.25*pow(2,floor((" + degree + ")*12/7+0.5)/12)*t)*exp(-3*mod(t,0.25))";
        String kick = "sin(2*PI*55*t)*exp(-30*mod(t,0.5))";
        String wave = "0.2*" + pad + "+0.3*" + tune + "+0.4*" + kick;
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "aevalsrc='" + wave + "|" + wave + "':s=44100:d=" + seconds));
        cmd.addAll(List.of(codec));
        cmd.addAll(List.of("-metadata", "title=" + title));
        cmd.add(file.toString());
        run(cmd);
        return file;
    }

    /** {@code source} encoded again into {@code file} (its extension says the format). */
    static Path reencode(Path source, Path file, String... codec) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", source.toString()));
        cmd.addAll(List.of(codec));
        cmd.add(file.toString());
        run(cmd);
        return file;
    }

    /** The first half of {@code source}'s bytes: a file cut off, as a broken download leaves it. */
    static Path truncated(Path source, Path file) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ffmpeg is needed for tests (./nd test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
