package dance.normal.server.auth;

import java.math.BigInteger;

/** Bitcoin-alphabet base58, as Solana writes public keys. Only decoding is needed here: to check key length. */
final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("not base58");
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] bytes = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int strip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[leadingZeros + bytes.length - strip];
        System.arraycopy(bytes, strip, out, leadingZeros, bytes.length - strip);
        return out;
    }
}
