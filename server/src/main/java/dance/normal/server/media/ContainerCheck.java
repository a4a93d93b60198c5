package dance.normal.server.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Checks that need no decoder: whether the sizes a container declares fit in the file. An upload cut off by a
 * dropped connection leaves a file whose headers promise more than is there, and tag readers do not notice
 * (jaudiotagger reports the declared duration). This is the only truncation check when ffmpeg is absent; with
 * ffmpeg it still gives a precise reason cheaply before the decoding pass.
 *
 * <p>FLAC has no such size: its truncation is only found by decoding.
 */
final class ContainerCheck {

    /** A bound on chunks/boxes walked, so that a crafted file of tiny boxes cannot keep us busy. */
    private static final int MAX_ENTRIES = 100_000;

    /** Bigger than any stream-header frame; what is read to find a Xing/Info/VBRI tag. */
    private static final int MP3_HEAD = 64 * 1024;

    /** Encoders disagree by a frame or so about what the Xing byte count includes. */
    private static final long MP3_SLACK_BYTES = 4096;

    private ContainerCheck() {
    }

    /** A short, uploader-facing reason the file is broken, or empty if its structure looks whole. */
    static Optional<String> findDefect(FileChannel ch, long size, AudioFormat format) throws IOException {
        return switch (format) {
            case WAV -> wav(ch, size);
            case M4A -> mp4(ch, size);
            case MP3 -> mp3(ch, size);
            case OGG_VORBIS, OGG_OPUS -> OggFile.scan(ch, size).truncated()
                    ? Optional.of(InvalidAudioException.TRUNCATED) : Optional.empty();
            case FLAC -> Optional.empty();
        };
    }

    /** RIFF chunks after the 12-byte "RIFF" size "WAVE" header; the "data" chunk must fit in the file. */
    private static Optional<String> wav(FileChannel ch, long size) throws IOException {
        byte[] header = new byte[8];
        long pos = 12;
        for (int i = 0; i < MAX_ENTRIES && pos < size; i++) {
            if (Bytes.readAt(ch, pos, header) < 8) {
                return Optional.of(InvalidAudioException.TRUNCATED);
            }
            long chunkSize = Bytes.le32(header, 4);
            if (Bytes.matches(header, 0, 8, "data")) {
                // Writers that cannot seek back (ffmpeg or sox to a pipe) leave the size 0 or 0xFFFFFFFF. Such a
                // file cannot be told from a truncated one; ffmpeg flags its last packet as corrupt, and
                // jaudiotagger takes the size literally (13 hours), so it is refused here with its own reason.
                if (chunkSize == 0xFFFF_FFFFL) {
                    return Optional.of(InvalidAudioException.UNKNOWN_LENGTH);
                }
                return pos + 8 + chunkSize <= size ? Optional.empty() : Optional.of(InvalidAudioException.TRUNCATED);
            }
            pos += 8 + chunkSize + (chunkSize & 1);
        }
        return Optional.of(pos > size ? InvalidAudioException.TRUNCATED : InvalidAudioException.NO_AUDIO);
    }

    /** ISO BMFF top-level boxes must tile the file, and the index ("moov") must be among them. */
    private static Optional<String> mp4(FileChannel ch, long size) throws IOException {
        byte[] header = new byte[16];
        long pos = 0;
        boolean moov = false;
        for (int i = 0; i < MAX_ENTRIES && pos < size; i++) {
            int n = Bytes.readAt(ch, pos, header);
            if (n < 8) {
                return Optional.of(InvalidAudioException.TRUNCATED);
            }
            long boxSize = Bytes.be32(header, 0);
            if (boxSize == 1) {
                if (n < 16) {
                    return Optional.of(InvalidAudioException.TRUNCATED);
                }
                boxSize = Bytes.be64(header, 8);
            } else if (boxSize == 0) {
                boxSize = size - pos;
            }
            if (boxSize < 8) {
                return Optional.of(InvalidAudioException.DAMAGED);
            }
            if (boxSize > size - pos) {
                return Optional.of(InvalidAudioException.TRUNCATED);
            }
            moov |= Bytes.matches(header, 4, n, "moov");
            pos += boxSize;
        }
        return moov ? Optional.empty() : Optional.of(InvalidAudioException.DAMAGED);
    }

    /**
     * A Xing/Info (LAME, ffmpeg) or VBRI (Fraunhofer) tag in the first frame declares the stream's byte count;
     * the file must hold that much after its ID3v2 tag. Without such a tag nothing is declared, and a cut-off
     * stream is just a shorter valid one.
     */
    private static Optional<String> mp3(FileChannel ch, long size) throws IOException {
        long tagEnd = Id3v2.skipAll(ch);
        byte[] head = new byte[MP3_HEAD];
        int n = Bytes.readAt(ch, tagEnd, head);
        int frameOff = AudioSniffer.mp3AudioStart(head, n);
        if (frameOff < 0) {
            return Optional.empty();
        }
        MpegFrame frame = MpegFrame.parse(head, frameOff, n).orElseThrow();
        long declared = 0;
        int xing = frameOff + 4 + frame.sideInfoSize();
        int vbri = frameOff + 4 + 32;
        if (Bytes.matches(head, xing, n, "Xing") || Bytes.matches(head, xing, n, "Info")) {
            if (xing + 16 <= n) {
                long flags = Bytes.be32(head, xing + 4);
                int field = xing + 8 + ((flags & 1) != 0 ? 4 : 0);
                declared = (flags & 2) != 0 ? Bytes.be32(head, field) : 0;
            }
        } else if (Bytes.matches(head, vbri, n, "VBRI") && vbri + 14 <= n) {
            declared = Bytes.be32(head, vbri + 10);
        }
        long actual = size - tagEnd - frameOff;
        if (declared > 0 && declared - actual > Math.max(MP3_SLACK_BYTES, declared / 200)) {
            return Optional.of(InvalidAudioException.TRUNCATED);
        }
        return Optional.empty();
    }
}
