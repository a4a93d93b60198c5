package dance.normal.wallet.solana;

import java.util.Arrays;

/** A cursor over bytes that names what it was reading when the bytes run out. */
final class ByteReader {

    private final byte[] bytes;
    private int position;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bytes.length - position;
    }

    int readUnsignedByte(String what) {
        require(1, what);
        return bytes[position++] & 0xFF;
    }

    byte[] read(int length, String what) {
        require(length, what);
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    int readUnsignedShortLittleEndian(String what) {
        require(2, what);
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    private void require(int length, String what) {
        if (length > remaining()) {
            throw new MalformedTransactionException("The bytes end inside the " + what + " (" + length
                    + " bytes needed, " + remaining() + " left)", position);
        }
    }
}
