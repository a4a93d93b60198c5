package dance.normal.demo;

import java.util.Arrays;

/** Big-endian bit packing into a growing byte array, as FLAC frames need it. */
final class BitWriter {

    private byte[] buf;
    private int length;
    private long acc;
    private int pending;

    BitWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Writes the low {@code bits} bits of {@code value} (at most 32), most significant first. */
    void bits(long value, int bits) {
        if (bits == 0) {
            return;
        }
        acc = (acc << bits) | (value & ((1L << bits) - 1));
        pending += bits;
        while (pending >= 8) {
            pending -= 8;
            put((byte) (acc >>> pending));
        }
    }

    /** Rice code of a non-negative value: the quotient in unary (zeros closed by a one), then {@code k} low bits. */
    void rice(int value, int k) {
        int quotient = value >>> k;
        if (quotient + 1 + k <= 32) {
            // Common case in one call: the zeros of the unary part are the leading zeros of the field.
            bits((1L << k) | (value & ((1L << k) - 1)), quotient + 1 + k);
            return;
        }
        while (quotient >= 32) {
            bits(0, 32);
            quotient -= 32;
        }
        bits(1, quotient + 1);
        bits(value, k);
    }

    void alignToByte() {
        if (pending > 0) {
            bits(0, 8 - pending);
        }
    }

    void bytes(byte[] data) {
        if (pending != 0) {
            throw new IllegalStateException("not byte aligned");
        }
        ensure(data.length);
        System.arraycopy(data, 0, buf, length, data.length);
        length += data.length;
    }

    /** Bytes completely written so far; only meaningful at a byte boundary. */
    int byteLength() {
        return length;
    }

    byte[] buffer() {
        return buf;
    }

    byte[] toByteArray() {
        if (pending != 0) {
            throw new IllegalStateException("not byte aligned");
        }
        return Arrays.copyOf(buf, length);
    }

    private void put(byte b) {
        ensure(1);
        buf[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
