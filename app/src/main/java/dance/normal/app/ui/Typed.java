package dance.normal.app.ui;

import dance.normal.protocol.Money;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Numbers as people type them into a form, read exactly (never through floating point): dollars, whole numbers
 * and percentages. Empty when the text is not one; the screen says what to write, in the person's language.
 */
public final class Typed {

    /** A decimal comma ("1,50"), as written in Russian: one or two digits after the last comma and no point. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[^.]*,[0-9]{1,2}");
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3})(?:\\.([0-9]{0,2}))?");
    /** Spaces people group digits with, ordinary and non-breaking. */
    private static final Pattern GROUPING = Pattern.compile("[\\s\\u00a0\\u202f,]");

    private Typed() {
    }

    /** Dollars and cents ("12", "12.50", "$1,000", "12,50"), as {@link Money#parseDollars} reads them. */
    public static Optional<Money> dollars(String text) {
        String s = text == null ? "" : text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "");
        if (DECIMAL_COMMA.matcher(s).matches()) {
            int comma = s.lastIndexOf(',');
            s = s.substring(0, comma) + "." + s.substring(comma + 1);
        }
        try {
            return Optional.of(Money.parseDollars(s));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A whole number of up to 12 digits, grouped or not ("1000", "1,000", "1 000"). */
    public static OptionalLong wholeNumber(String text) {
        String s = GROUPING.matcher(text == null ? "" : text).replaceAll("");
        return s.matches("[0-9]{1,12}") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
    }

    /** A percentage with up to two decimals ("10", "12.5", "12,5 %") in basis points (1% = 100). */
    public static OptionalInt basisPoints(String text) {
        String s = (text == null ? "" : text).replace("%", "").replace(',', '.').strip();
        var m = PERCENT.matcher(s);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        int hundredths = fraction.isEmpty() ? 0 : Integer.parseInt(fraction.length() == 1 ? fraction + "0" : fraction);
        return OptionalInt.of(Integer.parseInt(m.group(1)) * 100 + hundredths);
    }
}
