package dance.normal.server.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges from a file's first bytes whether it is one of the {@link AudioFormat}s. The name a client gave the file is
 * never consulted: it is the one thing about an upload that costs nothing to fake.
 *
 * <p>Each check wants more than a magic number, so that text, HTML, images and archives are refused however they are
 * named: MP3 (which has no magic number) needs three chained frame headers, Ogg needs a Vorbis or Opus identification
 * packet on its first page. The sniffer does not look inside ISO BMFF beyond the {@code ftyp} brands: an MP4 video
 * with an audio track passes as {@link AudioFormat#M4A}, and telling it apart needs the track list, which
 * {@link AudioInspector} reads.
 */
public final class AudioSniffer {

    /**
     * How many leading bytes {@link #sniff(byte[], int)} wants. MP3 and FLAC files may start with an ID3v2 tag,
     * often holding cover art; 256 KiB passes tags with a typical cover. Files on disk with a bigger tag are still
     * recognised by {@link #sniff(Path)}, which seeks past it.
     */
    public static final int HEAD_BYTES = 256 * 1024;

    /** One frame header could be chance (about 1 in 20 000 for random bytes); three chained ones are not. */
    private static final int MP3_FRAMES_REQUIRED = 3;

    /**
     * Brands that say the file is (or may be) plain MPEG-4 audio. Generic brands like isom are also used by video;
     * see the class comment.
     */
    private static final Set<String> AUDIO_BRANDS = Set.of("M4A ", "M4B ", "mp41", "mp42", "isom", "iso2", "dash");

    /** Major brands of video or DRM-protected (FairPlay) audio, which the server cannot use. */
    private static final Set<String> REFUSED_MAJOR_BRANDS = Set.of("M4V ", "M4VH", "M4VP", "M4P ", "qt  ");

    private AudioSniffer() {
    }

    /**
     * Judges the format from the file's first bytes only (never by name).
     *
     * @param head the start of the file; {@link #HEAD_BYTES} of it, or all of it if the file is shorter
     * @param length how many bytes of {@code head} are valid
     * @return empty when it is not one of the formats, or too little of it was given to tell
     */
    public static Optional<AudioFormat> sniff(byte[] head, int length) {
        Objects.checkFromIndexSize(0, length, head.length);
        if (Bytes.matches(head, 0, length, "RIFF")) {
            return sniffWav(head, length);
        }
        if (Bytes.matches(head, 0, length, "OggS")) {
            return sniffOgg(head, length);
        }
        if (Bytes.matches(head, 4, length, "ftyp")) {
            return sniffMp4(head, length);
        }
        int audio = Id3v2.skipAll(head, 0, length);
        return audio < 0 ? Optional.empty() : sniffAfterId3(head, audio, length);
    }

    /**
     * Like {@link #sniff(byte[], int)} on a file, but reads past ID3v2 tags of any size instead of giving up on a
     * tag bigger than {@link #HEAD_BYTES}.
     */
    public static Optional<AudioFormat> sniff(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long audio = Id3v2.skipAll(ch);
            byte[] head = new byte[HEAD_BYTES];
            int n = Bytes.readAt(ch, audio, head);
            return audio == 0 ? sniff(head, n) : sniffAfterId3(head, 0, n);
        }
    }

    /**
     * Offset of the first MPEG audio frame in {@code head}, past ID3v2 tags and zero padding, or -1 if the bytes
     * there do not start a chain of frames.
     */
    static int mp3AudioStart(byte[] head, int length) {
        int pos = Id3v2.skipAll(head, 0, length);
        if (pos < 0) {
            return -1;
        }
        pos = skipZeros(head, pos, length);
        return isMp3At(head, pos, length) ? pos : -1;
    }

    /** After ID3v2 tags only FLAC (which some taggers wrongly prefix with one) and MP3 can follow. */
    private static Optional<AudioFormat> sniffAfterId3(byte[] b, int off, int len) {
        // Taggers pad behind a tag without always counting the padding in its size; ffmpeg skips it, so do we.
        // Only zeros are skipped, so this does not let a frame header be searched for in arbitrary data.
        int pos = skipZeros(b, off, len);
        if (Bytes.matches(b, pos, len, "fLaC")) {
            return isFlacStreamInfo(b, pos + 4, len) ? Optional.of(AudioFormat.FLAC) : Optional.empty();
        }
        return isMp3At(b, pos, len) ? Optional.of(AudioFormat.MP3) : Optional.empty();
    }

    /**
     * The first metadata block must be STREAMINFO (type 0, always 34 bytes), and a decoder needs its block size
     * (at least 16 samples) and sample rate (not 0).
     */
    private static boolean isFlacStreamInfo(byte[] b, int off, int len) {
        if (off + 4 + 34 > len || (Bytes.u8(b, off) & 0x7F) != 0
                || (Bytes.u8(b, off + 1) << 16 | Bytes.be16(b, off + 2)) != 34) {
            return false;
        }
        int info = off + 4;
        int maxBlockSize = Bytes.be16(b, info + 2);
        int sampleRate = Bytes.u8(b, info + 10) << 12 | Bytes.u8(b, info + 11) << 4 | Bytes.u8(b, info + 12) >>> 4;
        return maxBlockSize >= 16 && sampleRate > 0;
    }

    private static int skipZeros(byte[] b, int off, int len) {
        int pos = off;
        while (pos < len && b[pos] == 0) {
            pos++;
        }
        return pos;
    }

    /** Whether frame headers follow each other from {@code off}, each where the previous frame's length ends. */
    private static boolean isMp3At(byte[] b, int off, int len) {
        int pos = off;
        MpegFrame first = null;
        for (int i = 0; i < MP3_FRAMES_REQUIRED; i++) {
            Optional<MpegFrame> frame = MpegFrame.parse(b, pos, len);
            if (frame.isEmpty() || first != null && !first.sameStream(frame.get())) {
                return false;
            }
            if (first == null) {
                first = frame.get();
            }
            pos += frame.get().frameLength();
        }
        return true;
    }

    private static Optional<AudioFormat> sniffWav(byte[] b, int len) {
        // "RIFF" size "WAVE", then a chunk header whose id is four printable characters (usually "fmt ").
        if (!Bytes.matches(b, 8, len, "WAVE") || len < 20) {
            return Optional.empty();
        }
        for (int i = 12; i < 16; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return Optional.empty();
            }
        }
        return Optional.of(AudioFormat.WAV);
    }

    private static Optional<AudioFormat> sniffOgg(byte[] b, int len) {
        OggPage first = OggPage.parse(b, 0, len);
        if (first == null || !first.beginsStream()) {
            return Optional.empty();
        }
        int packet = first.bodyOffset();
        AudioFormat format;
        if (Bytes.matches(b, packet, len, "\u0001vorbis")) {
            format = AudioFormat.OGG_VORBIS;
        } else if (Bytes.matches(b, packet, len, "OpusHead")) {
            format = AudioFormat.OGG_OPUS;
        } else {
            // Theora, Speex, FLAC-in-Ogg and other Ogg streams.
            return Optional.empty();
        }
        // Every logical stream starts with a BOS page before any data, so a second BOS page means several streams
        // are multiplexed, most likely video with this audio.
        OggPage second = OggPage.parse(b, first.end(), len);
        if (second != null && second.beginsStream() && second.serial() != first.serial()) {
            return Optional.empty();
        }
        return Optional.of(format);
    }

    private static Optional<AudioFormat> sniffMp4(byte[] b, int len) {
        long boxSize = Bytes.be32(b, 0);
        if (boxSize < 16 || boxSize % 4 != 0 || boxSize > 4096 || len < 16) {
            return Optional.empty();
        }
        String major = Bytes.ascii(b, 8, 4);
        if (REFUSED_MAJOR_BRANDS.contains(major)) {
            return Optional.empty();
        }
        if (AUDIO_BRANDS.contains(major)) {
            return Optional.of(AudioFormat.M4A);
        }
        int end = (int) Math.min(boxSize, len);
        for (int off = 16; off + 4 <= end; off += 4) {
            if (AUDIO_BRANDS.contains(Bytes.ascii(b, off, 4))) {
                return Optional.of(AudioFormat.M4A);
            }
        }
        return Optional.empty();
    }
}
