package dance.normal.wallet.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Small helpers for secrets held in arrays: encode a {@code char[]} as UTF-8 without a {@link String} in between,
 * and zero arrays when done. Used across the wallet's packages; not meant for callers outside it.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The UTF-8 bytes of {@code chars}, with no intermediate {@code String}; the caller zeroes the result. A lone
     * surrogate (which no keyboard produces) is refused rather than silently replaced.
     */
    public static byte[] utf8(char[] chars) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.allocate(chars.length * 3);
        try {
            var result = encoder.encode(CharBuffer.wrap(chars), buffer, true);
            if (result.isError()) {
                result.throwException();
            }
            encoder.flush(buffer);
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The text contains an invalid character (a lone surrogate)");
        } finally {
            Arrays.fill(buffer.array(), (byte) 0);
        }
    }

    /** Zeroes every array given; nulls are skipped. */
    public static void wipe(byte[]... arrays) {
        for (byte[] array : arrays) {
            if (array != null) {
                Arrays.fill(array, (byte) 0);
            }
        }
    }

    /** Zeroes every array given; nulls are skipped. */
    public static void wipe(char[]... arrays) {
        for (char[] array : arrays) {
            if (array != null) {
                Arrays.fill(array, '\0');
            }
        }
    }

    /** True when every byte is zero (used by tests and by close-time checks). */
    public static boolean isZero(byte[] array) {
        int acc = 0;
        for (byte b : array) {
            acc |= b;
        }
        return acc == 0;
    }
}
