package dance.normal.server.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Audio made by ffmpeg for the quality tests, once per JVM: tones with known levels and silences, and small
 * "songs" (a pad over a chord progression, a melody, a kick on every beat) to fingerprint. Two songs built with
 * {@link #song} share their key, chords, tempo and sound, and differ only in the melody: the hard case for a
 * duplicate matcher.
 */
final class TestAudio {

    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();
    /** C, A minor, F, G: one chord per bar of two seconds (120 beats a minute). */
    private static final String CHORD = "if(lt(mod(t,8),2),130.81,if(lt(mod(t,8),4),110,if(lt(mod(t,8),6),87.31,98)))";

    private TestAudio() {
    }

    /** A stereo signal from an aevalsrc expression of {@code t}, in {@code seconds}, encoded with {@code codec}. */
    static Path of(String expression, double seconds, String extension, String... codec) {
        String key = expression + "/" + seconds + "/" + extension + "/" + String.join(" ", codec);
        return CACHE.computeIfAbsent(key, k -> {
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "aevalsrc='" + expression + "|" + expression + "':s=44100:d=" + seconds));
            cmd.addAll(List.of(codec));
            return run(cmd, extension);
        });
    }

    /**
     * A song of {@code seconds}: the pad and kick every song shares, and a melody of eighth notes whose scale degree
     * at step {@code n} is {@code melody} (an expression of n, 0 to 7).
     */
    static Path song(String melody, double seconds, String extension, String... codec) {
        String pad = "(sin(2*PI*" + CHORD + "*t)+0.6*sin(2*PI*" + CHORD + "*1.26*t)+0.5*sin(2*PI*" + CHORD
                + "*1.5*t))";
        String degree = melody.replace("n", "floor(t*4)");
        String tune = "sin(2*PI*523.25*pow(2,floor((" + degree + ")*12/7+0.5)/12)*t)*exp(-3*mod(t,0.25))";
        String kick = "sin(2*PI*55*t)*exp(-30*mod(t,0.5))";
        return of("0.2*" + pad + "+0.3*" + tune + "+0.4*" + kick, seconds, extension, codec);
    }

    /** {@code source} encoded again by ffmpeg with {@code codec}, into {@code extension}. */
    static Path reencode(Path source, String extension, String... codec) {
        return CACHE.computeIfAbsent(source + "->" + extension + String.join(" ", codec), k -> {
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", source.toString()));
            cmd.addAll(List.of(codec));
            return run(cmd, extension);
        });
    }

    /** ffmpeg's own EBU R128 summary of {@code file}: integrated loudness (LUFS) and true peak (dBTP). */
    static double[] ebur128(Path file) {
        String out = exec(List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(), "-af",
                "ebur128=peak=true", "-f", "null", "-"));
        String summary = out.substring(out.lastIndexOf("Summary:"));
        Matcher i = Pattern.compile("I:\\s+(-?[\\d.]+) LUFS").matcher(summary);
        Matcher tp = Pattern.compile("True peak:\\s+Peak:\\s+(-?[\\d.]+) dBFS").matcher(summary);
        if (!i.find() || !tp.find()) {
            throw new IllegalStateException("no ebur128 summary: " + summary);
        }
        return new double[] {Double.parseDouble(i.group(1)), Double.parseDouble(tp.group(1))};
    }

    private static Path run(List<String> command, String extension) {
        try {
            Path dir = Files.createTempDirectory("nd-quality-");
            dir.toFile().deleteOnExit();
            Path out = dir.resolve("audio." + extension);
            List<String> cmd = new ArrayList<>(command);
            cmd.add(out.toString());
            exec(cmd);
            out.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("ffmpeg is needed for tests (./nd test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
