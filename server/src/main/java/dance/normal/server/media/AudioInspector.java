package dance.normal.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tags, duration and technical data of an upload, and refuses it if it does not play through.
 *
 * <p>Three readers are combined, each where it is best: jaudiotagger for tags (no external tool needed), ffprobe
 * for stream parameters and the stream list (it is what the decoder will see; it also reads Opus, which
 * jaudiotagger cannot), and one ffmpeg decoding pass for playability, exact duration and loudness. Without
 * ffmpeg/ffprobe the inspector still works from jaudiotagger and {@link ContainerCheck}, but cannot find damage
 * inside the compressed data, and measures no loudness.
 *
 * <p>Keeps no per-call state: one instance can serve all uploads at once.
 */
public final class AudioInspector {

    private static final Logger LOG = LoggerFactory.getLogger(AudioInspector.class);

    /** Long enough for any real title; bounds what a crafted tag can make us store and show. */
    private static final int MAX_TAG_LENGTH = 1000;

    /**
     * Formats whose header states the exact length (sample count or media duration), so a decoded length well
     * short of it means audio is missing. MP3 headers only estimate it unless a Xing tag is present, which
     * {@link ContainerCheck} handles; Ogg derives it from the last page, so it always matches.
     */
    private static final Set<AudioFormat> EXACT_DECLARED_LENGTH = EnumSet.of(AudioFormat.WAV, AudioFormat.FLAC,
            AudioFormat.M4A);

    /** Encoder delay and priming make decoded and declared lengths differ by some tens of milliseconds. */
    private static final long LENGTH_SLACK_MS = 500;

    private final Ffmpeg tools;

    /** Uses ffprobe and ffmpeg if they are on the PATH, looked up once, now. */
    public AudioInspector() {
        this(Executables.find("ffprobe"), Executables.find("ffmpeg"));
    }

    /** Uses the given tools; an empty one is not used. */
    public AudioInspector(Optional<Path> ffprobe, Optional<Path> ffmpeg) {
        this.tools = new Ffmpeg(ffprobe, ffmpeg);
        LOG.info("Audio inspection with ffprobe {}, ffmpeg {}", ffprobe.map(Path::toString).orElse("(absent)"),
                ffmpeg.map(Path::toString).orElse("(absent: no decoding check, no loudness)"));
    }

    /** Whether ffmpeg is used, i.e. uploads are decoded in full and their loudness is measured. */
    public boolean hasFfmpeg() {
        return tools.hasFfmpeg();
    }

    /**
     * Reads tags, duration and technical data of a file already judged to be {@code format} by
     * {@link AudioSniffer}. The file's name does not matter.
     *
     * @throws InvalidAudioException if the content is not decodable audio (truncated, corrupt, no audio stream,
     *         video) or has zero duration; its message is fit to show the uploader
     * @throws UncheckedIOException if the file itself cannot be read
     */
    public AudioInfo inspect(Path file, AudioFormat format) throws InvalidAudioException {
        return inspect(file, format, true);
    }

    /**
     * As {@link #inspect(Path, AudioFormat)}; without {@code measureLoudness} the same checks run (the file is still
     * decoded in full) but loudness and peak are left empty, for the quality analysis to measure later.
     */
    public AudioInfo inspect(Path file, AudioFormat format, boolean measureLoudness) throws InvalidAudioException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Structure structure = checkStructure(file, format);
        long size = structure.size();
        Optional<OggFile.OpusHeaders> opus = structure.opus();

        Optional<TagReader.Findings> tagger = TagReader.read(file, format, size);
        Optional<Ffmpeg.Probe> probe = tools.probe(file, format);
        if (probe.isPresent() && !probe.get().hasAudio()) {
            throw reject(file, format, InvalidAudioException.NO_AUDIO);
        }
        if (probe.isPresent() && probe.get().hasVideo()) {
            // The sniffer lets MP4 video through (its brands are shared with audio); this is where it stops.
            throw reject(file, format, InvalidAudioException.VIDEO);
        }
        if (tagger.isEmpty() && probe.isEmpty() && opus.isEmpty()) {
            throw reject(file, format, InvalidAudioException.UNREADABLE);
        }

        Optional<Ffmpeg.Decode> decode = tools.decode(file, format, measureLoudness);
        long declaredMs = firstPositive(
                probe.map(p -> seconds(p.durationSec())).orElse(0L),
                tagger.map(t -> seconds(t.durationSec())).orElse(0L),
                opus.map(OggFile.OpusHeaders::durationMs).orElse(0L));
        long decodedMs = decode.map(d -> d.decodedMicros() < 0 ? -1 : d.decodedMicros() / 1000).orElse(-1L);
        if (decodedMs >= 0 && EXACT_DECLARED_LENGTH.contains(format)
                && declaredMs - decodedMs > LENGTH_SLACK_MS + declaredMs / 100) {
            // Cut at a frame boundary, FLAC and MP4 decode cleanly, just shorter than their headers say.
            LOG.info("{} decodes to {} ms but declares {} ms", file, decodedMs, declaredMs);
            throw reject(file, format, InvalidAudioException.TRUNCATED);
        }
        long durationMs = decodedMs >= 0 ? decodedMs : declaredMs;
        if (durationMs <= 0) {
            throw reject(file, format, InvalidAudioException.NO_DURATION);
        }

        int sampleRate = (int) firstPositive(probe.map(Ffmpeg.Probe::sampleRate).orElse(0),
                tagger.map(TagReader.Findings::sampleRate).orElse(0), opus.isPresent() ? OggFile.OPUS_RATE : 0);
        int channels = (int) firstPositive(probe.map(Ffmpeg.Probe::channels).orElse(0),
                tagger.map(TagReader.Findings::channels).orElse(0),
                opus.map(OggFile.OpusHeaders::channels).orElse(0));
        // The stream's own bitrate first: the file's includes container overhead and cover images.
        long bitrate = firstPositive(probe.map(p -> kbps(p.streamBitrate())).orElse(0L),
                tagger.map(TagReader.Findings::bitrateKbps).orElse(0L),
                probe.map(p -> kbps(p.formatBitrate())).orElse(0L),
                Math.round(size * 8.0 / durationMs));

        Map<String, String> tags = new HashMap<>();
        tagger.ifPresent(t -> mergeTags(tags, t.tags()));
        probe.ifPresent(p -> mergeTags(tags, p.tags()));
        opus.ifPresent(o -> mergeTags(tags, o.tags()));

        return new AudioInfo(format, durationMs, (int) Math.min(bitrate, Integer.MAX_VALUE), sampleRate, channels,
                Optional.ofNullable(tags.get("title")), Optional.ofNullable(tags.get("artist")),
                Optional.ofNullable(tags.get("album")), trackNumber(tags.get("track")),
                Optional.ofNullable(tags.get("genre")), decode.flatMap(Ffmpeg.Decode::loudnessLufs),
                decode.flatMap(Ffmpeg.Decode::peakDbfs));
    }

    /** @param opus read by us only when ffprobe, which reads Opus for everyone else, is absent */
    private record Structure(long size, Optional<OggFile.OpusHeaders> opus) {
    }

    /** The checks that need no tool, run first because they cost a few reads where a decode costs seconds. */
    private Structure checkStructure(Path file, AudioFormat format) throws InvalidAudioException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Optional<String> defect = size == 0
                    ? Optional.of(InvalidAudioException.EMPTY)
                    : ContainerCheck.findDefect(ch, size, format);
            if (defect.isPresent()) {
                throw reject(file, format, defect.get());
            }
            boolean readOpus = format == AudioFormat.OGG_OPUS && !tools.hasFfprobe();
            return new Structure(size, readOpus ? OggFile.opusHeaders(OggFile.scan(ch, size)) : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Integrated loudness (EBU R128, LUFS) of a file in one of the {@link AudioFormat}s.
     *
     * @return empty when ffmpeg is absent or fails, the file is not recognised audio, or it is silent
     */
    public Optional<Double> measureLoudness(Path file) {
        if (!tools.hasFfmpeg()) {
            return Optional.empty();
        }
        try {
            return AudioSniffer.sniff(file).flatMap(format -> tools.loudness(file, format));
        } catch (IOException e) {
            LOG.warn("Cannot read {} to measure its loudness", file, e);
            return Optional.empty();
        }
    }

    private static InvalidAudioException reject(Path file, AudioFormat format, String reason) {
        LOG.info("Refusing {} ({}): {}", file, format, reason);
        return new InvalidAudioException(reason);
    }

    /** Adds the fields {@code into} lacks, cleaned; a value that is blank once cleaned does not count. */
    private static void mergeTags(Map<String, String> into, Map<String, String> from) {
        from.forEach((key, value) -> clean(value).ifPresent(v -> into.putIfAbsent(key, v)));
    }

    /** Strips what renders as nothing or garbles a UI: NULs (RIFF INFO pads with them), controls, edge spaces. */
    static Optional<String> clean(String value) {
        if (value == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_TAG_LENGTH));
        value.codePoints()
                .map(c -> c == '\n' || c == '\r' || c == '\t' ? ' ' : c)
                .filter(c -> !Character.isISOControl(c))
                .forEach(sb::appendCodePoint);
        String v = sb.toString().strip();
        if (v.length() > MAX_TAG_LENGTH) {
            int end = Character.isHighSurrogate(v.charAt(MAX_TAG_LENGTH - 1)) ? MAX_TAG_LENGTH - 1 : MAX_TAG_LENGTH;
            v = v.substring(0, end).strip();
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** "3", "03" and "3/12" are track 3; 0 and garbage are no track. */
    static OptionalInt trackNumber(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        String v = value.strip();
        int end = 0;
        while (end < v.length() && v.charAt(end) >= '0' && v.charAt(end) <= '9') {
            end++;
        }
        if (end == 0 || end > 6) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(v.substring(0, end));
        return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    private static long firstPositive(long... values) {
        for (long v : values) {
            if (v > 0) {
                return v;
            }
        }
        return 0;
    }

    private static long seconds(double seconds) {
        return Double.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
    }

    private static long kbps(long bitsPerSecond) {
        return Math.round(bitsPerSecond / 1000.0);
    }

}
