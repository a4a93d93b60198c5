package dance.normal.server.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the pages of an Ogg file. This finds truncation without a decoder (a cut-off upload ends inside a page) and
 * reads Opus headers, which jaudiotagger cannot, for when ffprobe is absent.
 */
final class OggFile {

    /** Enough for the Vorbis comments of any sane file; a cover image embedded in them may be cut off. */
    private static final int MAX_HEADER_BYTES = 1024 * 1024;

    /** Opus always decodes at 48 kHz and counts granule positions in 48 kHz samples (RFC 7845). */
    static final int OPUS_RATE = 48_000;

    /**
     * @param truncated the last page ends past the end of the file
     * @param lastGranule the granule position of the last page of the first stream that had one, or -1
     * @param headerPackets the first two packets of the first stream (identification and comments)
     */
    record Scan(boolean truncated, long lastGranule, List<byte[]> headerPackets) {
    }

    /** @param tags Vorbis comment fields, keys in lower case */
    record OpusHeaders(int channels, long durationMs, Map<String, String> tags) {
    }

    private OggFile() {
    }

    static Scan scan(FileChannel ch, long size) throws IOException {
        byte[] header = new byte[OggPage.MAX_HEADER];
        long pos = 0;
        long serial = -1;
        long lastGranule = OggPage.NO_GRANULE;
        HeaderPackets packets = new HeaderPackets();
        while (pos < size) {
            int n = Bytes.readAt(ch, pos, header);
            OggPage page = OggPage.parse(header, 0, n);
            if (page == null) {
                // A page header cut short is truncation; anything else here is trailing junk (an appended ID3v1
                // tag, say), which decoders skip.
                boolean partial = "OggS".startsWith(Bytes.ascii(header, 0, Math.min(n, 4)));
                return new Scan(partial, lastGranule, packets.done);
            }
            if (pos + page.end() > size) {
                return new Scan(true, lastGranule, packets.done);
            }
            if (serial == -1) {
                serial = page.serial();
            }
            if (page.serial() == serial) {
                if (page.granule() != OggPage.NO_GRANULE) {
                    lastGranule = page.granule();
                }
                packets.add(ch, pos, page);
            }
            pos += page.end();
        }
        return new Scan(false, lastGranule, packets.done);
    }

    /** Reassembles the first two packets of a stream from page segments. */
    private static final class HeaderPackets {
        private final List<byte[]> done = new ArrayList<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private int taken;

        void add(FileChannel ch, long pagePos, OggPage page) throws IOException {
            if (done.size() >= 2 || taken >= MAX_HEADER_BYTES) {
                return;
            }
            byte[] body = new byte[page.bodyLength()];
            Bytes.readAt(ch, pagePos + page.headerLength(), body);
            taken += body.length;
            int off = 0;
            for (int lace : page.lacing()) {
                current.write(body, off, lace);
                off += lace;
                if (lace < 255) {
                    done.add(current.toByteArray());
                    current.reset();
                    if (done.size() == 2) {
                        return;
                    }
                }
            }
            if (taken >= MAX_HEADER_BYTES && current.size() > 0) {
                // Keep what we have: the comment parser stops at the first field that runs past the end.
                done.add(current.toByteArray());
                current.reset();
            }
        }
    }

    /** The OpusHead and OpusTags packets decoded, or empty if the stream does not start with them. */
    static Optional<OpusHeaders> opusHeaders(Scan scan) {
        if (scan.headerPackets().isEmpty()) {
            return Optional.empty();
        }
        byte[] head = scan.headerPackets().getFirst();
        if (!Bytes.matches(head, 0, head.length, "OpusHead") || head.length < 19) {
            return Optional.empty();
        }
        int channels = Bytes.u8(head, 9);
        int preSkip = Bytes.le16(head, 10);
        long samples = scan.lastGranule() - preSkip;
        long durationMs = scan.lastGranule() < 0 || samples <= 0 ? 0 : samples * 1000 / OPUS_RATE;
        Map<String, String> tags = Map.of();
        if (scan.headerPackets().size() > 1) {
            byte[] comments = scan.headerPackets().get(1);
            if (Bytes.matches(comments, 0, comments.length, "OpusTags")) {
                tags = vorbisComments(comments, 8);
                // Vorbis comments call it TRACKNUMBER; the inspector uses ffprobe's names.
                String track = tags.get("tracknumber");
                if (track != null) {
                    tags.putIfAbsent("track", track);
                }
            }
        }
        return Optional.of(new OpusHeaders(channels, durationMs, Map.copyOf(tags)));
    }

    /** Parses a Vorbis comment block (vendor string, then KEY=value fields, all length-prefixed little-endian). */
    static Map<String, String> vorbisComments(byte[] b, int off) {
        Map<String, String> tags = new HashMap<>();
        int len = b.length;
        if (off + 4 > len) {
            return tags;
        }
        long vendor = Bytes.le32(b, off);
        long pos = off + 4 + vendor;
        if (pos + 4 > len) {
            return tags;
        }
        long count = Bytes.le32(b, (int) pos);
        pos += 4;
        for (long i = 0; i < count && pos + 4 <= len; i++) {
            long fieldLength = Bytes.le32(b, (int) pos);
            pos += 4;
            if (pos + fieldLength > len) {
                break;
            }
            String field = new String(b, (int) pos, (int) fieldLength, StandardCharsets.UTF_8);
            pos += fieldLength;
            int eq = field.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(field.substring(0, eq).toLowerCase(Locale.ROOT), field.substring(eq + 1));
            }
        }
        return tags;
    }
}
