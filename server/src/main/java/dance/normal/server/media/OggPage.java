package dance.normal.server.media;

/**
 * The header of one Ogg page (RFC 3533): 27 fixed bytes, then one lacing value per segment.
 *
 * @param offset where the page starts in the array it was parsed from
 * @param lacing the segment sizes; a value below 255 ends a packet
 */
record OggPage(int offset, int flags, long granule, long serial, int headerLength, int bodyLength, int[] lacing) {

    static final int FIXED_HEADER = 27;
    static final int MAX_HEADER = FIXED_HEADER + 255;

    /** No packet ends on this page; libogg writes -1 then. */
    static final long NO_GRANULE = -1;

    /** The page at {@code off}, or null unless a whole page header (not necessarily its body) is in the array. */
    static OggPage parse(byte[] b, int off, int len) {
        if (!Bytes.matches(b, off, len, "OggS") || off + FIXED_HEADER > len || b[off + 4] != 0) {
            return null;
        }
        int segments = Bytes.u8(b, off + 26);
        if (off + FIXED_HEADER + segments > len) {
            return null;
        }
        int[] lacing = new int[segments];
        int body = 0;
        for (int i = 0; i < segments; i++) {
            lacing[i] = Bytes.u8(b, off + FIXED_HEADER + i);
            body += lacing[i];
        }
        return new OggPage(off, Bytes.u8(b, off + 5), Bytes.le64(b, off + 6), Bytes.le32(b, off + 14),
                FIXED_HEADER + segments, body, lacing);
    }

    boolean beginsStream() {
        return (flags & 0x02) != 0;
    }

    int bodyOffset() {
        return offset + headerLength;
    }

    /** Where the next page starts. */
    int end() {
        return bodyOffset() + bodyLength;
    }
}
