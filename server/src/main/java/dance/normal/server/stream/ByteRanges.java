package dance.normal.server.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code Range} header against a representation of known length (RFC 9110 section 14). Written by hand
 * because Javalin's seekable stream answers suffix ranges with the wrong bytes and spins on ranges past the end.
 */
public final class ByteRanges {

    /** At most this many ranges are honoured; more are treated as no Range header at all (RFC 9110 allows it). */
    static final int MAX_RANGES = 16;

    /** An inclusive byte range within the representation. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** The outcome of parsing: send everything, send these ranges, or answer 416. */
    public sealed interface Result permits Full, Partial, Unsatisfiable {
    }

    /** No (usable) Range header: 200 with the whole representation. */
    public record Full() implements Result {
    }

    /** One or more satisfiable ranges, in the order asked, none overlapping. */
    public record Partial(List<Range> ranges) implements Result {
    }

    /** Well-formed, but no range overlaps the representation: 416 with {@code Content-Range: bytes * /size}. */
    public record Unsatisfiable() implements Result {
    }

    private ByteRanges() {
    }

    public static Result parse(String header, long size) {
        if (header == null) {
            return new Full();
        }
        String h = trimOws(header);
        int eq = h.indexOf('=');
        // Only the bytes unit is understood; other units and garbage are ignored, as the RFC says. The grammar has
        // no whitespace around "=" or inside a range-spec, only around the commas of the list (RFC 9110 5.6.1).
        if (eq < 0 || !h.substring(0, eq).equalsIgnoreCase("bytes") || h.length() == eq + 1
                || isOws(h.charAt(eq + 1))) {
            return new Full();
        }
        List<String> specs = new ArrayList<>();
        for (String element : h.substring(eq + 1).split(",", -1)) {
            String spec = trimOws(element);
            if (!spec.isEmpty()) { // empty list elements are to be ignored
                specs.add(spec);
            }
        }
        if (specs.isEmpty() || specs.size() > MAX_RANGES) {
            return new Full();
        }
        List<Range> satisfiable = new ArrayList<>();
        boolean emptySuffix = false;
        for (String spec : specs) {
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Full();
            }
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            if (a.isEmpty()) {
                // Suffix range: the last N bytes.
                Long n = digits(b);
                if (n == null) {
                    return new Full();
                }
                if (n > 0 && size > 0) {
                    satisfiable.add(new Range(Math.max(0, size - n), size - 1));
                } else if (n > 0) {
                    emptySuffix = true;
                }
                continue;
            }
            Long first = digits(a);
            Long last = b.isEmpty() ? Long.valueOf(Long.MAX_VALUE) : digits(b);
            if (first == null || last == null || last < first) {
                return new Full();
            }
            if (first < size) {
                satisfiable.add(new Range(first, Math.min(last, size - 1)));
            }
        }
        if (satisfiable.isEmpty()) {
            // A non-zero suffix of an empty representation is satisfiable yet has no bytes to send: send it whole.
            return emptySuffix ? new Full() : new Unsatisfiable();
        }
        if (overlapping(satisfiable)) {
            // Overlapping ranges can be an amplification attack; send the whole representation once instead.
            return new Full();
        }
        return new Partial(List.copyOf(satisfiable));
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isOws(s.charAt(from))) {
            from++;
        }
        while (to > from && isOws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean overlapping(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((x, y) -> Long.compare(x.first(), y.first()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                return true;
            }
        }
        return false;
    }

    /** A non-negative decimal of at most 18 digits (no sign, no spaces), or null. */
    private static Long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }
}
