package dance.normal.server.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ffprobe and ffmpeg runs the inspector needs, and the reading of what they print.
 *
 * <p>Every run names the demuxer ({@code -f}) instead of letting ffmpeg probe: the sniffer has already judged the
 * format, and a probing ffmpeg would follow a crafted playlist (HLS, concat) to other local files or the network.
 * Inputs are given as {@code file:} URLs so that no file name is taken for a protocol or an option.
 */
final class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Decoding with the loudness meter runs at roughly 400x real time for MP3 on one core, so this allows for
     * several hours of audio on a slow or busy machine.
     */
    static final Duration DECODE_TIMEOUT = Duration.ofSeconds(120);

    /** A line ffmpeg logged at error level or worse, under {@code -v level+...}: "[ctx @ 0x..] [error] text". */
    private static final Pattern ERROR_LINE = Pattern.compile("^(?:\\[[^\\]]*\\] )?\\[(?:error|fatal|panic)\\] (.*)$");
    private static final Pattern OUT_TIME = Pattern.compile("^out_time_us=(\\d+)$", Pattern.MULTILINE);
    private static final Pattern INTEGRATED = Pattern.compile("\\bI:\\s+(-?\\d+(?:\\.\\d+)?)\\s+LUFS");
    /** In the summary's "Sample peak:" block; ffmpeg prints "-inf" for digital silence. */
    private static final Pattern SAMPLE_PEAK = Pattern.compile("Sample peak:\\s+Peak:\\s+(\\S+)\\s+dBFS");

    /** ebur128 reports its absolute gate, -70 LUFS, when nothing was loud enough to measure (e.g. silence). */
    private static final double UNMEASURABLE_LUFS = -70.0;

    /**
     * What ffprobe found; zero where it found nothing.
     *
     * @param durationSec NaN when unknown
     * @param streamBitrate of the audio stream, in bit/s
     * @param formatBitrate of the whole file, in bit/s: includes container overhead and embedded images
     * @param hasVideo a video stream that is not just an attached cover image
     * @param tags the container's and the audio stream's tags, keys in lower case
     */
    record Probe(double durationSec, int sampleRate, int channels, long streamBitrate, long formatBitrate,
                 boolean hasAudio, boolean hasVideo, Map<String, String> tags) {
    }

    /**
     * @param decodedMicros how much audio the decoder produced, -1 if it did not say
     * @param peakDbfs the highest sample of any channel, in dBFS; empty for digital silence
     */
    record Decode(long decodedMicros, Optional<Double> loudnessLufs, Optional<Double> peakDbfs) {
    }

    private final Optional<Path> ffprobe;
    private final Optional<Path> ffmpeg;

    Ffmpeg(Optional<Path> ffprobe, Optional<Path> ffmpeg) {
        this.ffprobe = ffprobe;
        this.ffmpeg = ffmpeg;
    }

    boolean hasFfprobe() {
        return ffprobe.isPresent();
    }

    boolean hasFfmpeg() {
        return ffmpeg.isPresent();
    }

    /** Empty when ffprobe is absent or would not start; throws when it cannot make sense of the file. */
    Optional<Probe> probe(Path file, AudioFormat format) throws InvalidAudioException {
        if (ffprobe.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = List.of(ffprobe.get().toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", "-f", demuxer(format), input(file));
        Optional<ProcessRunner.Result> run = run(command, PROBE_TIMEOUT);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        ProcessRunner.Result result = run.get();
        if (result.timedOut()) {
            LOG.warn("ffprobe timed out on {}", file);
            throw new InvalidAudioException(InvalidAudioException.TOO_SLOW);
        }
        if (result.exitCode() != 0) {
            LOG.info("ffprobe cannot read {}: {}", file, firstLine(result.stderr()));
            throw new InvalidAudioException(InvalidAudioException.DAMAGED);
        }
        try {
            return Optional.of(parseProbe(JSON.readTree(result.stdout())));
        } catch (JsonProcessingException e) {
            LOG.warn("ffprobe printed no JSON for {}; going on without it", file, e);
            return Optional.empty();
        }
    }

    static Probe parseProbe(JsonNode root) {
        JsonNode audio = null;
        boolean video = false;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            if (type.equals("audio") && audio == null) {
                audio = stream;
            } else if (type.equals("video") && stream.path("disposition").path("attached_pic").asInt() != 1) {
                video = true;
            }
        }
        JsonNode format = root.path("format");
        Map<String, String> tags = new HashMap<>();
        addTags(tags, format.path("tags"));
        if (audio == null) {
            return new Probe(Double.NaN, 0, 0, 0, asLong(format.path("bit_rate")), false, video, tags);
        }
        // Ogg keeps Vorbis comments on the stream, other containers on the format.
        addTags(tags, audio.path("tags"));
        double duration = asDouble(format.path("duration"));
        if (Double.isNaN(duration)) {
            duration = asDouble(audio.path("duration"));
        }
        return new Probe(duration, (int) asLong(audio.path("sample_rate")), audio.path("channels").asInt(),
                asLong(audio.path("bit_rate")), asLong(format.path("bit_rate")), true, video, tags);
    }

    /**
     * Decodes the whole audio stream, failing on the first decoder error ({@code -xerror}): this is what catches a
     * truncated or corrupt upload. The same pass measures loudness and sample peak, so the file is decoded once.
     *
     * @return empty when ffmpeg is absent or would not start
     */
    Optional<Decode> decode(Path file, AudioFormat format) throws InvalidAudioException {
        return decode(file, format, true);
    }

    /**
     * As {@link #decode(Path, AudioFormat)}; without {@code measure} the pass only decodes (no loudness meter, about
     * a fifth of the CPU), and the result has no loudness and no peak: a resumable upload's check before its answer.
     */
    Optional<Decode> decode(Path file, AudioFormat format, boolean measure) throws InvalidAudioException {
        if (ffmpeg.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg.get().toString(), "-nostdin", "-hide_banner",
                "-nostats", "-v", "level+info", "-progress", "pipe:1", "-xerror"));
        command.addAll(measure ? loudnessArguments(file, format) : decodeArguments(file, format));
        Optional<ProcessRunner.Result> run = run(command, DECODE_TIMEOUT);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        ProcessRunner.Result result = run.get();
        if (result.timedOut()) {
            LOG.warn("ffmpeg took longer than {} to decode {}", DECODE_TIMEOUT, file);
            throw new InvalidAudioException(InvalidAudioException.TOO_SLOW);
        }
        List<String> errors = errorLines(result.stderr());
        if (result.exitCode() != 0 || !errors.isEmpty()) {
            LOG.info("ffmpeg cannot decode {} (exit {}): {}", file, result.exitCode(),
                    errors.isEmpty() ? firstLine(result.stderr()) : errors.getFirst());
            throw new InvalidAudioException(InvalidAudioException.DAMAGED);
        }
        long micros = -1;
        Matcher m = OUT_TIME.matcher(result.stdout());
        while (m.find()) {
            micros = Long.parseLong(m.group(1));
        }
        return Optional.of(new Decode(micros, parseLoudness(result.stderr()), parsePeak(result.stderr())));
    }

    /** Integrated loudness, tolerating decoder errors (the file was judged before); empty if it cannot be had. */
    Optional<Double> loudness(Path file, AudioFormat format) {
        if (ffmpeg.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg.get().toString(), "-nostdin", "-hide_banner",
                "-nostats", "-v", "level+info"));
        command.addAll(loudnessArguments(file, format));
        Optional<ProcessRunner.Result> run = run(command, DECODE_TIMEOUT);
        if (run.isEmpty() || run.get().timedOut() || run.get().exitCode() != 0) {
            LOG.info("ffmpeg could not measure the loudness of {}", file);
            return Optional.empty();
        }
        return parseLoudness(run.get().stderr());
    }

    /**
     * The ebur128 filter measures the same EBU R128 integrated loudness as loudnorm's first pass, at about ten
     * times the speed: loudnorm resamples to 192 kHz for its true-peak meter, which we do not need.
     * {@code framelog=verbose} keeps its ten-lines-a-second progress out of the info log; {@code peak=sample} adds
     * the highest sample value to the summary, which a player needs to raise a quiet track without clipping it.
     */
    private static List<String> loudnessArguments(Path file, AudioFormat format) {
        return List.of("-f", demuxer(format), "-i", input(file), "-map", "0:a:0", "-af",
                "ebur128=framelog=verbose:peak=sample", "-f", "null", "-");
    }

    private static List<String> decodeArguments(Path file, AudioFormat format) {
        return List.of("-f", demuxer(format), "-i", input(file), "-map", "0:a:0", "-f", "null", "-");
    }

    static Optional<Double> parseLoudness(String stderr) {
        int summary = stderr.lastIndexOf("Summary:");
        if (summary < 0) {
            return Optional.empty();
        }
        Matcher m = INTEGRATED.matcher(stderr);
        if (!m.find(summary)) {
            return Optional.empty();
        }
        double lufs = Double.parseDouble(m.group(1));
        return lufs <= UNMEASURABLE_LUFS ? Optional.empty() : Optional.of(lufs);
    }

    /** The summary's sample peak in dBFS; empty when there is none or it is not finite (-inf for silence). */
    static Optional<Double> parsePeak(String stderr) {
        int summary = stderr.lastIndexOf("Summary:");
        if (summary < 0) {
            return Optional.empty();
        }
        Matcher m = SAMPLE_PEAK.matcher(stderr);
        if (!m.find(summary)) {
            return Optional.empty();
        }
        try {
            double dbfs = Double.parseDouble(m.group(1));
            return Double.isFinite(dbfs) ? Optional.of(dbfs) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<String> errorLines(String stderr) {
        List<String> errors = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            Matcher m = ERROR_LINE.matcher(line.strip());
            if (m.matches()) {
                errors.add(m.group(1));
            }
        }
        return errors;
    }

    /** Runs a tool; empty when it cannot be started, which is handled like its absence. */
    private static Optional<ProcessRunner.Result> run(List<String> command, Duration timeout) {
        try {
            return Optional.of(ProcessRunner.run(command, timeout));
        } catch (InterruptedIOException e) {
            // The request is being abandoned (shutdown, client gone): not a verdict on the file.
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            LOG.warn("Cannot run {}; going on without it", command.getFirst(), e);
            return Optional.empty();
        }
    }

    static String demuxer(AudioFormat format) {
        return format.demuxer();
    }

    private static String input(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private static void addTags(Map<String, String> into, JsonNode tags) {
        tags.properties().forEach(e -> into.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    }

    private static long asLong(JsonNode node) {
        try {
            return node.isMissingNode() ? 0 : Long.parseLong(node.asText().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double asDouble(JsonNode node) {
        try {
            return node.isMissingNode() ? Double.NaN : Double.parseDouble(node.asText().strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        return nl < 0 ? stripped : stripped.substring(0, nl);
    }
}
