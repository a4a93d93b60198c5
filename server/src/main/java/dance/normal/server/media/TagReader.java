package dance.normal.server.media;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.slf4j.LoggerFactory;

/** Reads tags and stream parameters with jaudiotagger, which needs no external tool. */
final class TagReader {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TagReader.class);

    /**
     * jaudiotagger logs every oddity of every file through java.util.logging, at up to SEVERE, straight to the
     * console. Held in a field because java.util.logging keeps loggers weakly: a level set on a logger nobody
     * references is lost when it is collected.
     */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private static final Map<FieldKey, String> FIELDS = Map.of(FieldKey.TITLE, "title", FieldKey.ARTIST, "artist",
            FieldKey.ALBUM, "album", FieldKey.TRACK, "track", FieldKey.GENRE, "genre");

    /**
     * What jaudiotagger found; zero where it found nothing.
     *
     * @param tags keys as ffprobe names them: title, artist, album, track, genre
     */
    record Findings(double durationSec, int sampleRate, int channels, long bitrateKbps, Map<String, String> tags) {
    }

    private TagReader() {
    }

    /**
     * Empty when jaudiotagger cannot read the file, which on its own does not make it invalid: ffprobe may still.
     * Opus is not supported by jaudiotagger and always gives empty.
     */
    static Optional<Findings> read(Path file, AudioFormat format, long size) {
        if (format == AudioFormat.OGG_OPUS) {
            return Optional.empty();
        }
        try {
            // readAs picks the reader by the given extension, so stored files need no extension and no temp copy.
            AudioFile audio = AudioFileIO.readAs(file.toFile(), format.extension());
            AudioHeader header = audio.getAudioHeader();
            if (header == null) {
                return Optional.empty();
            }
            return Optional.of(new Findings(header.getPreciseTrackLength(), header.getSampleRateAsNumber(),
                    channels(header.getChannels()), bitrateKbps(header, size), tags(audio.getTag())));
        } catch (Exception e) {
            // jaudiotagger signals bad input with checked exceptions, but also with NPEs, index errors and the like.
            LOG.debug("jaudiotagger cannot read {} as {}: {}", file, format, e.toString());
            return Optional.empty();
        }
    }

    /**
     * jaudiotagger takes an MP3's bitrate from its first frame, which in files with a Xing/Info tag is the tag's
     * own frame, written at whatever bitrate fits the tag (ffmpeg writes 64 kbit/s for a 128 kbit/s file). An
     * average over the audio bytes is right for CBR and VBR alike.
     */
    private static long bitrateKbps(AudioHeader header, long size) {
        if (header instanceof MP3AudioHeader mp3 && header.getPreciseTrackLength() > 0) {
            long audioBytes = size - mp3.getMp3StartByte();
            return Math.round(audioBytes * 8 / header.getPreciseTrackLength() / 1000);
        }
        return header.getBitRateAsNumber();
    }

    /** jaudiotagger gives a count for most formats but MP3's channel mode by name ("Joint Stereo"). */
    private static int channels(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.chars().allMatch(Character::isDigit)) {
            return v.length() > 3 ? 0 : Integer.parseInt(v);
        }
        return v.contains("mono") ? 1 : v.contains("stereo") || v.contains("dual") ? 2 : 0;
    }

    private static Map<String, String> tags(Tag tag) {
        Map<String, String> tags = new HashMap<>();
        if (tag == null) {
            return tags;
        }
        FIELDS.forEach((key, name) -> {
            try {
                String value = tag.getFirst(key);
                if (value != null && !value.isBlank()) {
                    tags.put(name, value);
                }
            } catch (RuntimeException e) {
                // Some formats' tags (RIFF INFO) lack some fields and say so by throwing.
                LOG.trace("No {} in this tag format", key);
            }
        });
        return tags;
    }
}
