package dance.normal.wallet.mnemonic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The BIP39 English wordlist: 2,048 public words, sorted, so a word's index is found by binary search. */
final class Wordlist {

    static final int SIZE = 2048;
    private static final String RESOURCE = "english.txt";
    private static final String[] WORDS = load();

    private Wordlist() {
    }

    static String word(int index) {
        return WORDS[index];
    }

    /** The index of {@code chars[from, to)} in the list, or -1 when it is not a BIP39 word. */
    static int indexOf(char[] chars, int from, int to) {
        int low = 0;
        int high = SIZE - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = compare(WORDS[mid], chars, from, to);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static int compare(String word, char[] chars, int from, int to) {
        int length = to - from;
        int common = Math.min(word.length(), length);
        for (int i = 0; i < common; i++) {
            int diff = word.charAt(i) - chars[from + i];
            if (diff != 0) {
                return diff;
            }
        }
        return word.length() - length;
    }

    private static String[] load() {
        try (InputStream in = Wordlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("BIP39 wordlist " + RESOURCE + " is missing from the classpath");
            }
            List<String> words = new ArrayList<>(SIZE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    words.add(line.strip());
                }
            }
            String[] array = words.toArray(String[]::new);
            if (array.length != SIZE) {
                throw new IllegalStateException("BIP39 wordlist has " + array.length + " words, not " + SIZE);
            }
            for (int i = 1; i < SIZE; i++) {
                if (array[i - 1].compareTo(array[i]) >= 0) {
                    throw new IllegalStateException("BIP39 wordlist is not sorted at line " + (i + 1));
                }
            }
            return array;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the BIP39 wordlist", e);
        }
    }
}
