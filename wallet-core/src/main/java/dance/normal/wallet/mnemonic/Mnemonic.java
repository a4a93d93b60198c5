package dance.normal.wallet.mnemonic;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BIP39 recovery phrases with the English wordlist: generate, validate, convert to and from entropy, and stretch into
 * the 64-byte seed that key derivation starts from.
 *
 * <p>Phrases go in and out as {@code char[]}, never as {@code String}; every array this class makes for itself is
 * zeroed before it returns, and arrays it returns are the caller's to zero. Input is NFKD-normalised, matched without
 * regard to ASCII case and split on any whitespace, so a phrase typed with capitals, double spaces or ideographic
 * spaces is read as the words it holds; the seed is computed from the canonical phrase (lowercase words joined by
 * single spaces), which is what Phantom and Solflare compute too.
 */
public final class Mnemonic {

    /** Words in a newly generated phrase (256 bits of entropy). */
    public static final int GENERATED_WORDS = 24;

    private static final int PBKDF2_ROUNDS = 2048;
    private static final int SEED_BYTES = 64;
    private static final int LONGEST_WORD = 8;
    private static final byte[] SALT_PREFIX = "mnemonic".getBytes(StandardCharsets.US_ASCII);

    private Mnemonic() {
    }

    /** A new 24-word phrase from 256 bits of {@link SecureRandom} entropy. */
    public static char[] generate() {
        return generate(new SecureRandom());
    }

    /** A new 24-word phrase from 256 bits drawn from {@code random}. */
    public static char[] generate(SecureRandom random) {
        byte[] entropy = new byte[32];
        try {
            random.nextBytes(entropy);
            return fromEntropy(entropy);
        } finally {
            Secrets.wipe(entropy);
        }
    }

    /** The phrase for 16, 20, 24, 28 or 32 bytes of entropy (12 to 24 words). */
    public static char[] fromEntropy(byte[] entropy) {
        int bytes = entropy.length;
        if (bytes < 16 || bytes > 32 || bytes % 4 != 0) {
            throw new IllegalArgumentException("BIP39 entropy is 16, 20, 24, 28 or 32 bytes, not " + bytes);
        }
        int words = bytes * 3 / 4;
        byte[] bits = Arrays.copyOf(entropy, bytes + 1);
        byte[] hash = sha256(entropy);
        int[] indices = new int[words];
        try {
            bits[bytes] = hash[0];
            for (int i = 0; i < words; i++) {
                indices[i] = readBits(bits, i * 11);
            }
            return join(indices);
        } finally {
            Secrets.wipe(bits, hash);
            Arrays.fill(indices, 0);
        }
    }

    /**
     * The entropy a phrase encodes, after checking its length, its words and its checksum.
     *
     * @throws WalletException of kind {@link WalletException.Kind#INVALID_PHRASE} naming the problem
     */
    public static byte[] toEntropy(char[] phrase) {
        int[] indices = indices(phrase);
        try {
            return entropyOf(indices);
        } finally {
            Arrays.fill(indices, 0);
        }
    }

    /** Checks a phrase; throws {@link WalletException} of kind INVALID_PHRASE naming the problem. */
    public static void validate(char[] phrase) {
        Secrets.wipe(toEntropy(phrase));
    }

    /** The number of words in a valid phrase; throws like {@link #validate(char[])} otherwise. */
    public static int wordCount(char[] phrase) {
        int[] indices = indices(phrase);
        try {
            Secrets.wipe(entropyOf(indices));
            return indices.length;
        } finally {
            Arrays.fill(indices, 0);
        }
    }

    /** The canonical form of a valid phrase: lowercase words joined by single spaces. */
    public static char[] canonical(char[] phrase) {
        int[] indices = indices(phrase);
        try {
            Secrets.wipe(entropyOf(indices));
            return join(indices);
        } finally {
            Arrays.fill(indices, 0);
        }
    }

    /**
     * The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512 over the canonical phrase, salted with "mnemonic" + the NFKD
     * passphrase, 2,048 rounds. The phrase is validated first. An empty passphrase is what Phantom and Solflare use.
     */
    public static byte[] toSeed(char[] phrase, char[] passphrase) {
        char[] canonical = canonical(phrase);
        byte[] password = null;
        char[] normalisedPassphrase = Nfkd.normalise(passphrase);
        byte[] passphraseBytes = null;
        byte[] salt = null;
        try {
            password = Secrets.utf8(canonical);
            passphraseBytes = Secrets.utf8(normalisedPassphrase);
            salt = new byte[SALT_PREFIX.length + passphraseBytes.length];
            System.arraycopy(SALT_PREFIX, 0, salt, 0, SALT_PREFIX.length);
            System.arraycopy(passphraseBytes, 0, salt, SALT_PREFIX.length, passphraseBytes.length);
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
            generator.init(password, salt, PBKDF2_ROUNDS);
            // The generator's KeyParameter hands out its own array, so nothing else holds the seed.
            return ((KeyParameter) generator.generateDerivedParameters(SEED_BYTES * 8)).getKey();
        } finally {
            Secrets.wipe(canonical, normalisedPassphrase);
            Secrets.wipe(password, passphraseBytes, salt);
        }
    }

    /** The wordlist indices of a phrase after normalisation, checking count and words (not the checksum). */
    private static int[] indices(char[] phrase) {
        char[] text = Nfkd.normalise(phrase);
        int[] bounds = new int[text.length * 2 + 2];
        try {
            for (int i = 0; i < text.length; i++) {
                char c = text[i];
                if (c >= 'A' && c <= 'Z') {
                    text[i] = (char) (c + ('a' - 'A'));
                }
            }
            int count = 0;
            int i = 0;
            while (i < text.length) {
                while (i < text.length && isSeparator(text[i])) {
                    i++;
                }
                if (i == text.length) {
                    break;
                }
                int start = i;
                while (i < text.length && !isSeparator(text[i])) {
                    i++;
                }
                bounds[count * 2] = start;
                bounds[count * 2 + 1] = i;
                count++;
            }
            if (count == 0) {
                throw invalid("The recovery phrase is empty");
            }
            if (count < 12 || count > 24 || count % 3 != 0) {
                throw invalid("A recovery phrase has 12, 15, 18, 21 or 24 words; this one has " + count);
            }
            int[] indices = new int[count];
            for (int w = 0; w < count; w++) {
                int start = bounds[w * 2];
                int end = bounds[w * 2 + 1];
                int index = Wordlist.indexOf(text, start, end);
                if (index < 0) {
                    Arrays.fill(indices, 0);
                    throw invalid(unknownWord(w + 1, text, start, end));
                }
                indices[w] = index;
            }
            return indices;
        } finally {
            Secrets.wipe(text);
            Arrays.fill(bounds, 0);
        }
    }

    /**
     * Names the unknown word so the person can fix it. A typo of one word reveals little; but text that cannot be a
     * single word (too long, or not letters, as when a whole phrase is pasted without spaces) is not echoed.
     */
    private static String unknownWord(int position, char[] text, int start, int end) {
        boolean echo = end - start <= LONGEST_WORD;
        for (int i = start; i < end && echo; i++) {
            echo = text[i] >= 'a' && text[i] <= 'z';
        }
        if (echo) {
            return "Word " + position + ", \"" + new String(text, start, end - start) + "\", is not a BIP39 word";
        }
        return "Word " + position + " is not a BIP39 word";
    }

    private static byte[] entropyOf(int[] indices) {
        int words = indices.length;
        int entropyBytes = words * 4 / 3;
        int checksumBits = words / 3;
        byte[] bits = new byte[(words * 11 + 7) / 8];
        byte[] hash = null;
        boolean ok = false;
        byte[] entropy = null;
        try {
            for (int i = 0; i < words; i++) {
                writeBits(bits, i * 11, indices[i]);
            }
            entropy = Arrays.copyOf(bits, entropyBytes);
            hash = sha256(entropy);
            int expected = (hash[0] & 0xFF) >>> (8 - checksumBits);
            int actual = (bits[entropyBytes] & 0xFF) >>> (8 - checksumBits);
            if (expected != actual) {
                throw invalid("The checksum does not match: a word is wrong or out of order");
            }
            ok = true;
            return entropy;
        } finally {
            Secrets.wipe(bits, hash);
            if (!ok) {
                Secrets.wipe(entropy);
            }
        }
    }

    private static char[] join(int[] indices) {
        int length = indices.length - 1;
        for (int index : indices) {
            length += Wordlist.word(index).length();
        }
        char[] out = new char[length];
        int pos = 0;
        for (int i = 0; i < indices.length; i++) {
            if (i > 0) {
                out[pos++] = ' ';
            }
            String word = Wordlist.word(indices[i]);
            word.getChars(0, word.length(), out, pos);
            pos += word.length();
        }
        return out;
    }

    private static int readBits(byte[] data, int offset) {
        int value = 0;
        for (int i = 0; i < 11; i++) {
            int bit = offset + i;
            value = (value << 1) | ((data[bit >>> 3] >>> (7 - (bit & 7))) & 1);
        }
        return value;
    }

    private static void writeBits(byte[] data, int offset, int value) {
        for (int i = 0; i < 11; i++) {
            if (((value >>> (10 - i)) & 1) != 0) {
                int bit = offset + i;
                data[bit >>> 3] |= (byte) (1 << (7 - (bit & 7)));
            }
        }
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static WalletException invalid(String message) {
        return new WalletException(WalletException.Kind.INVALID_PHRASE, message);
    }

    /** NFKD one code point at a time, so the phrase itself never becomes a {@code String}. */
    static final class Nfkd {

        private Nfkd() {
        }

        /**
         * NFKD of {@code in} into a new array. ASCII passes through unchanged (it is already NFKD). Other code points
         * are decomposed one at a time through a one-code-point {@code String}: a single character is not worth
         * protecting and the JDK has no array-based normaliser. Decomposing one code point at a time equals NFKD of
         * the whole text except for the canonical reordering of runs of combining marks, which never matters here:
         * any combining mark left over makes the word unknown, and a passphrase is typed the same way each time.
         */
        static char[] normalise(char[] in) {
            boolean ascii = true;
            for (char c : in) {
                if (c >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                return in.clone();
            }
            char[] out = new char[in.length * 2 + 16];
            int length = 0;
            int i = 0;
            while (i < in.length) {
                int codePoint = Character.codePointAt(in, i);
                int width = Character.charCount(codePoint);
                String decomposed = codePoint < 0x80
                        ? null
                        : Normalizer.normalize(new String(in, i, width), Normalizer.Form.NFKD);
                int needed = decomposed == null ? 1 : decomposed.length();
                if (length + needed > out.length) {
                    char[] bigger = Arrays.copyOf(out, Math.max(out.length * 2, length + needed));
                    Secrets.wipe(out);
                    out = bigger;
                }
                if (decomposed == null) {
                    out[length++] = (char) codePoint;
                } else {
                    decomposed.getChars(0, needed, out, length);
                    length += needed;
                }
                i += width;
            }
            char[] result = Arrays.copyOf(out, length);
            Secrets.wipe(out);
            return result;
        }
    }
}
