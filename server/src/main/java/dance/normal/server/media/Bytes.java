package dance.normal.server.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** Bounds-checked reads of the fixed-width fields that audio containers are made of. */
final class Bytes {

    private Bytes() {
    }

    /** Whether the ASCII string {@code magic} occurs at {@code off}, with all of it inside {@code len}. */
    static boolean matches(byte[] b, int off, int len, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (off < 0 || off + m.length > len) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (b[off + i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    static String ascii(byte[] b, int off, int n) {
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int be16(byte[] b, int off) {
        return u8(b, off) << 8 | u8(b, off + 1);
    }

    static long be32(byte[] b, int off) {
        return (long) be16(b, off) << 16 | be16(b, off + 2);
    }

    static long be64(byte[] b, int off) {
        return be32(b, off) << 32 | be32(b, off + 4);
    }

    static int le16(byte[] b, int off) {
        return u8(b, off) | u8(b, off + 1) << 8;
    }

    static long le32(byte[] b, int off) {
        return le16(b, off) | (long) le16(b, off + 2) << 16;
    }

    static long le64(byte[] b, int off) {
        return le32(b, off) | le32(b, off + 4) << 32;
    }

    /** Reads up to {@code dst.length} bytes at {@code pos}; returns how many there were before end of file. */
    static int readAt(FileChannel ch, long pos, byte[] dst) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(dst);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        return buf.position();
    }
}
