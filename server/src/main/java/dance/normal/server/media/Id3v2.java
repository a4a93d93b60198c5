package dance.normal.server.media;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** Locates ID3v2 tags, which MP3 (and, non-standardly, FLAC) files may carry before the audio. */
final class Id3v2 {

    static final int HEADER_SIZE = 10;

    /** Tags are chained only in odd files; a bound keeps a crafted file from making us loop. */
    private static final int MAX_TAGS = 4;

    private Id3v2() {
    }

    /**
     * The length of the tag starting at {@code off}, header and footer included, or -1 when no well-formed ID3v2
     * header starts there (or fewer than 10 bytes are available).
     */
    static int tagLength(byte[] b, int off, int len) {
        if (off < 0 || off + HEADER_SIZE > len || b[off] != 'I' || b[off + 1] != 'D' || b[off + 2] != '3') {
            return -1;
        }
        int major = b[off + 3] & 0xFF;
        int revision = b[off + 4] & 0xFF;
        if (major < 2 || major > 4 || revision == 0xFF) {
            return -1;
        }
        int size = 0;
        for (int i = 6; i < 10; i++) {
            int v = b[off + i] & 0xFF;
            if (v >= 0x80) {
                return -1;
            }
            size = size << 7 | v;
        }
        boolean footer = major == 4 && (b[off + 5] & 0x10) != 0;
        return HEADER_SIZE + size + (footer ? HEADER_SIZE : 0);
    }

    /** Offset just past the ID3v2 tags at {@code off}, or -1 if a tag runs past {@code len}. */
    static int skipAll(byte[] b, int off, int len) {
        int pos = off;
        for (int i = 0; i < MAX_TAGS; i++) {
            int tag = tagLength(b, pos, len);
            if (tag < 0) {
                return pos;
            }
            if (tag > len - pos) {
                return -1;
            }
            pos += tag;
        }
        return pos;
    }

    /** Like {@link #skipAll} but on a file, so that a tag holding a large cover image costs no memory. */
    static long skipAll(FileChannel ch) throws IOException {
        long pos = 0;
        byte[] header = new byte[HEADER_SIZE];
        for (int i = 0; i < MAX_TAGS; i++) {
            int n = Bytes.readAt(ch, pos, header);
            int tag = tagLength(header, 0, n);
            if (tag < 0) {
                return pos;
            }
            pos += tag;
        }
        return pos;
    }
}
