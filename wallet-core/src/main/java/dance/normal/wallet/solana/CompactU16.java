package dance.normal.wallet.solana;

import java.io.ByteArrayOutputStream;

/**
 * Solana's compact-u16 ("shortvec") length prefix: 7 bits a byte, low bits first, high bit set while more follow,
 * at most three bytes. Decoding insists on the shortest encoding, as the runtime does, so that one message has one
 * byte form.
 */
final class CompactU16 {

    static final int MAX = 0xFFFF;

    private CompactU16() {
    }

    static void write(ByteArrayOutputStream out, int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("compact-u16 holds 0.." + MAX + ", not " + value);
        }
        int rest = value;
        while (true) {
            int low = rest & 0x7F;
            rest >>>= 7;
            if (rest == 0) {
                out.write(low);
                return;
            }
            out.write(low | 0x80);
        }
    }

    static int size(int value) {
        if (value < 0x80) {
            return 1;
        }
        return value < 0x4000 ? 2 : 3;
    }

    /** Reads a compact-u16 at the reader's position; refuses overlong, truncated or too large encodings. */
    static int read(ByteReader in, String what) {
        int start = in.position();
        int value = 0;
        for (int i = 0; i < 3; i++) {
            int b = in.readUnsignedByte(what);
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i > 0 && b == 0) {
                    throw new MalformedTransactionException("The " + what + " length is not in its shortest form",
                            start);
                }
                if (value > MAX) {
                    throw new MalformedTransactionException("The " + what + " length is larger than 65535", start);
                }
                return value;
            }
        }
        throw new MalformedTransactionException("The " + what + " length runs past three bytes", start);
    }
}
