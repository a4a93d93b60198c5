package dance.normal.server.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.server.media.AudioFormat;
import dance.normal.server.media.Executables;
import dance.normal.server.media.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a stored track for its quality report with one decode (decision 0040): a single ffmpeg process runs the
 * EBU R128 meter ({@code ebur128=peak=true}: integrated loudness and true peak, printed in its summary) and writes
 * the same decoded audio to its standard output as 16-bit PCM, which {@link PcmAnalysis} reads for clipping,
 * silence, the waveform and the preview; the first two minutes of that PCM also feed {@code fpcalc} on its standard
 * input, so the fingerprint needs no decode of its own. A short ffprobe run before names the codec and bit depth.
 *
 * <p>Each tool may be missing (media/Executables): without ffmpeg the measurement says so and fpcalc decodes the
 * file itself; without fpcalc there is no fingerprint. Inputs are {@code file:} URLs with the demuxer named, as in
 * media/Ffmpeg, so no file name is taken for an option and no playlist is followed.
 */
public final class QualityMeter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QualityMeter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Decoding with the true-peak meter runs at about 100x real time on one core; this allows hours of audio. */
    private static final Duration DECODE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    /** Chromaprint's own default: a fingerprint of the first two minutes identifies a recording. */
    static final int FINGERPRINT_SECONDS = 120;
    private static final Pattern INTEGRATED = Pattern.compile("\\bI:\\s+(-?\\d+(?:\\.\\d+)?)\\s+LUFS");
    private static final Pattern TRUE_PEAK = Pattern.compile("True peak:\\s+Peak:\\s+(\\S+)\\s+dBFS");
    /** ebur128 reports its absolute gate when nothing was loud enough to measure (digital silence). */
    private static final double UNMEASURABLE_LUFS = -70.0;

    private final Optional<Path> ffmpeg;
    private final Optional<Path> ffprobe;
    private final Optional<Path> fpcalc;
    private final Optional<Path> nice;
    /** The tools running now, stopped by {@link #close()}. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public QualityMeter(Optional<Path> ffmpeg, Optional<Path> ffprobe, Optional<Path> fpcalc) {
        this(ffmpeg, ffprobe, fpcalc, Optional.empty());
    }

    private QualityMeter(Optional<Path> ffmpeg, Optional<Path> ffprobe, Optional<Path> fpcalc, Optional<Path> nice) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.fpcalc = fpcalc;
        this.nice = nice;
    }

    /** The tools found on the PATH, run under {@code nice} when it is there too. */
    public static QualityMeter fromPath() {
        return new QualityMeter(Executables.find("ffmpeg"), Executables.find("ffprobe"), Executables.find("fpcalc"),
                Executables.find("nice"));
    }

    public boolean hasFfmpeg() {
        return ffmpeg.isPresent() && ffprobe.isPresent();
    }

    public boolean hasFpcalc() {
        return fpcalc.isPresent();
    }

    /** The stream as ffprobe saw it. */
    private record Stream(String codec, int sampleRate, int channels, Integer bitDepth) {
    }

    /**
     * Measures {@code file}; {@code durationMs} (as stored for the track) stands in when ffmpeg is missing.
     *
     * @throws IOException when a tool could not make sense of the file (it was judged playable when uploaded)
     */
    public Analysis measure(Path file, AudioFormat format, long durationMs) throws IOException {
        if (!hasFfmpeg()) {
            String unmeasured = Measurement.NO_FFMPEG + (hasFpcalc() ? "" : "," + Measurement.NO_FPCALC);
            Measurement m = new Measurement(null, null, 0, 0, 0, 0, null, format.extension(), 0, durationMs,
                    List.of(), 0, unmeasured);
            return new Analysis(m, hasFpcalc() ? fingerprintFile(file) : Optional.empty());
        }
        // The decode starts first and waits on its full pipe while ffprobe runs: the two start-ups overlap, which
        // matters on a busy machine where starting a process costs more than probing.
        Process process = started(new ProcessBuilder(List.of(ffmpeg.orElseThrow().toString(), "-nostdin",
                "-hide_banner", "-nostats", "-v", "level+info", "-f", format.demuxer(), "-i", input(file), "-map",
                "0:a:0", "-af", "ebur128=peak=true:framelog=verbose", "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1")));
        Stream stream;
        try {
            stream = probe(file, format);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            running.remove(process);
            throw e;
        }
        return decode(process, stream);
    }

    private Stream probe(Path file, AudioFormat format) throws IOException {
        ProcessRunner.Result r = ProcessRunner.run(List.of(ffprobe.orElseThrow().toString(), "-v", "error",
                "-print_format", "json", "-show_streams", "-select_streams", "a:0", "-f", format.demuxer(),
                input(file)), PROBE_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IOException("ffprobe cannot read the track (exit " + r.exitCode() + ")");
        }
        JsonNode s = JSON.readTree(r.stdout()).path("streams").path(0);
        String codec = s.path("codec_name").asText("");
        int rate = s.path("sample_rate").asInt(0);
        int channels = s.path("channels").asInt(0);
        if (codec.isEmpty() || rate <= 0 || channels <= 0) {
            throw new IOException("ffprobe found no audio stream");
        }
        return new Stream(codec, rate, channels, bitDepth(codec, s));
    }

    static Integer bitDepth(String codec, JsonNode stream) {
        if (Measurement.lossy(codec)) {
            return null;
        }
        int raw = stream.path("bits_per_raw_sample").asInt(0);
        int coded = stream.path("bits_per_sample").asInt(0);
        if (raw > 0) {
            return raw;
        }
        if (coded > 0) {
            return coded;
        }
        return switch (stream.path("sample_fmt").asText("")) {
            case "u8", "u8p" -> 8;
            case "s16", "s16p" -> 16;
            case "s32", "s32p", "flt", "fltp" -> 32;
            case "dbl", "dblp", "s64", "s64p" -> 64;
            default -> null;
        };
    }

    /** Reads {@code process}'s PCM (the stream's own rate and channels) and its EBU R128 summary. */
    private Analysis decode(Process process, Stream stream) throws IOException {
        process.getOutputStream().close();
        Drain stderr = Drain.start(process.getErrorStream());
        Thread watchdog = killAfter(process, DECODE_TIMEOUT);
        Optional<Fingerprinter> printer = fpcalc.map(p -> Fingerprinter.start(this, p, stream.sampleRate(),
                stream.channels()));
        PcmAnalysis pcm = new PcmAnalysis(stream.sampleRate(), stream.channels());
        long fingerprintBytes = (long) FINGERPRINT_SECONDS * stream.sampleRate() * stream.channels() * 2;
        boolean decoded = false;
        try (InputStream out = process.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            long fed = 0;
            int n;
            while ((n = out.read(buf)) >= 0) {
                pcm.accept(buf, n);
                if (printer.isPresent() && fed < fingerprintBytes) {
                    int take = (int) Math.min(n, fingerprintBytes - fed);
                    printer.get().feed(buf, take);
                    fed += take;
                }
            }
            int exit = process.waitFor();
            watchdog.interrupt();
            if (exit != 0) {
                throw new IOException("ffmpeg could not decode the track (exit " + exit + "): "
                        + lastLine(stderr.text()));
            }
            decoded = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while measuring");
        } finally {
            process.destroyForcibly();
            running.remove(process);
            printer.ifPresent(Fingerprinter::closeInput);
            if (!decoded) {
                printer.ifPresent(Fingerprinter::abort);
            }
        }
        String summary = stderr.text();
        PcmAnalysis.Result r = pcm.finish();
        Measurement m = new Measurement(integrated(summary).orElse(null), truePeak(summary).orElse(null),
                r.clippedSamples(), r.silenceStartMs(), r.silenceEndMs(), stream.sampleRate(), stream.bitDepth(),
                stream.codec(), stream.channels(), r.durationMs(), r.waveform(), r.suggestedPreviewStartMs(),
                printer.isPresent() ? null : Measurement.NO_FPCALC);
        return new Analysis(m, printer.flatMap(Fingerprinter::result));
    }

    /** fpcalc decoding the file itself, for a server without ffmpeg. */
    private Optional<Fingerprint> fingerprintFile(Path file) throws IOException {
        ProcessRunner.Result r = ProcessRunner.run(List.of(fpcalc.orElseThrow().toString(), "-raw", "-length",
                Integer.toString(FINGERPRINT_SECONDS), file.toAbsolutePath().toString()), DECODE_TIMEOUT);
        return r.exitCode() == 0 ? Fingerprint.parseFpcalc(r.stdout()) : Optional.empty();
    }

    static Optional<Double> integrated(String stderr) {
        return summaryValue(stderr, INTEGRATED).filter(lufs -> lufs > UNMEASURABLE_LUFS);
    }

    static Optional<Double> truePeak(String stderr) {
        return summaryValue(stderr, TRUE_PEAK);
    }

    private static Optional<Double> summaryValue(String stderr, Pattern pattern) {
        int summary = stderr.lastIndexOf("Summary:");
        Matcher m = pattern.matcher(stderr);
        if (summary < 0 || !m.find(summary)) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(m.group(1));
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // "-inf" for digital silence
        }
    }

    /**
     * Starts a tool at low CPU priority ({@code nice}, when there is one), unless the meter is closed; {@link #close()}
     * stops it. The analysis runs in the background: uploads and streams in flight come first on a busy machine.
     */
    private Process started(ProcessBuilder builder) throws IOException {
        if (closed) {
            throw new IOException("the quality meter is closed");
        }
        if (nice.isPresent()) {
            List<String> command = new ArrayList<>(List.of(nice.get().toString(), "-n", "10"));
            command.addAll(builder.command());
            builder.command(command);
        }
        Process p = builder.start();
        running.add(p);
        if (closed) {
            p.destroyForcibly();
        }
        return p;
    }

    /** Stops every tool running now and refuses to start more (the server is stopping). */
    @Override
    public void close() {
        closed = true;
        running.forEach(Process::destroyForcibly);
    }

    private static Thread killAfter(Process process, Duration timeout) {
        return Thread.ofVirtual().name("quality-watchdog").start(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("ffmpeg took longer than {} to measure a track; stopping it", timeout);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // The decode ended first.
            }
        });
    }

    private static String input(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Reads a tool's output to its end on a virtual thread. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in) {
            this.thread = Thread.ofVirtual().name("quality-drain").start(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (bytes) {
                            if (bytes.size() < 1024 * 1024) {
                                bytes.write(buf, 0, n);
                            }
                        }
                    }
                } catch (IOException e) {
                    // The process was stopped; what was read is all there is.
                }
            });
        }

        static Drain start(InputStream in) {
            return new Drain(in);
        }

        String text() {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** fpcalc reading raw PCM on its standard input; a failure only costs the fingerprint. */
    private static final class Fingerprinter {
        private final QualityMeter meter;
        private final Process process;
        private final OutputStream stdin;
        private final Drain stdout;
        private boolean broken;

        /** {@code process} null: fpcalc would not start. */
        private Fingerprinter(QualityMeter meter, Process process) {
            this.meter = meter;
            this.process = process;
            this.stdin = process == null ? null : process.getOutputStream();
            this.stdout = process == null ? null : Drain.start(process.getInputStream());
            if (process != null) {
                Drain.start(process.getErrorStream());
            }
        }

        static Fingerprinter start(QualityMeter meter, Path fpcalc, int sampleRate, int channels) {
            List<String> command = new ArrayList<>(List.of(fpcalc.toString(), "-raw", "-length",
                    Integer.toString(FINGERPRINT_SECONDS), "-format", "s16le", "-rate", Integer.toString(sampleRate),
                    "-channels", Integer.toString(channels), "-"));
            try {
                return new Fingerprinter(meter, meter.started(new ProcessBuilder(command)));
            } catch (IOException e) {
                LOG.warn("Cannot run fpcalc; the track gets no fingerprint", e);
                return new Fingerprinter(meter, null);
            }
        }

        void feed(byte[] buf, int n) {
            if (broken || process == null) {
                return;
            }
            try {
                stdin.write(buf, 0, n);
            } catch (IOException e) {
                broken = true; // fpcalc stopped reading; its exit code says why
            }
        }

        void closeInput() {
            if (process == null) {
                return;
            }
            try {
                stdin.close();
            } catch (IOException e) {
                broken = true;
            }
        }

        void abort() {
            if (process != null) {
                process.destroyForcibly();
                meter.running.remove(process);
            }
        }

        Optional<Fingerprint> result() {
            if (process == null) {
                return Optional.empty();
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                meter.running.remove(process);
            }
            Optional<Fingerprint> fp = Fingerprint.parseFpcalc(stdout.text());
            if (fp.isEmpty()) {
                LOG.info("fpcalc gave no fingerprint (exit {})", process.exitValue());
            }
            return fp;
        }
    }

    @Override
    public String toString() {
        StringJoiner tools = new StringJoiner(", ", "QualityMeter[", "]");
        ffmpeg.ifPresent(p -> tools.add("ffmpeg"));
        fpcalc.ifPresent(p -> tools.add("fpcalc"));
        return tools.toString();
    }
}
