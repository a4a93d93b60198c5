package dance.normal.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An amount of US dollars as a whole number of micro-dollars (1 USD = 1,000,000, the scale of USDC base units).
 * Never a floating-point number; arithmetic overflows loudly instead of wrapping.
 */
public record Money(long micros) implements Comparable<Money> {

    public static final long MICROS_PER_DOLLAR = 1_000_000L;
    public static final Money ZERO = new Money(0);

    @JsonCreator
    public static Money ofMicros(long micros) {
        return new Money(micros);
    }

    /** Whole dollars and cents, e.g. {@code Money.of(12, 34)} is $12.34. */
    public static Money of(long dollars, int cents) {
        if (cents < 0 || cents > 99) {
            throw new IllegalArgumentException("cents must be 0 to 99");
        }
        return new Money(Math.addExact(Math.multiplyExact(dollars, MICROS_PER_DOLLAR), cents * 10_000L));
    }

    /**
     * Dollars as a person writes them: whole dollars or dollars and cents ("20", "12.5", "12.50", "$1,000"), never
     * negative, never more than two decimals; no floating point on the way.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Money parseDollars(String text) {
        String s = text == null ? "" : text.strip().replace(",", "");
        if (s.startsWith("$")) {
            s = s.substring(1).strip();
        }
        if (!s.matches("[0-9]{1,12}(\\.[0-9]{0,2})?")) {
            throw new IllegalArgumentException("Write an amount in dollars, like 20 or 12.50.");
        }
        int dot = s.indexOf('.');
        long dollars = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        String cents = dot < 0 ? "" : s.substring(dot + 1);
        int c = cents.isEmpty() ? 0 : Integer.parseInt(cents.length() == 1 ? cents + "0" : cents);
        return of(dollars, c);
    }

    @JsonValue
    @Override
    public long micros() {
        return micros;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(micros, other.micros));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(micros, other.micros));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(micros, factor));
    }

    public boolean isNegative() {
        return micros < 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(micros, other.micros);
    }

    /**
     * Dollars for people, exactly: cents always, more digits (up to the sixth, a micro-dollar) only when the amount
     * has them, so $0.004 stays $0.004 and never rounds to $0.00; e.g. "$12.34", "$1.50", "-$0.50", "$0.004",
     * "$0.000001", "$1,234,567.00". The only dollar formatter: the app, the wallet, sync, the server's ledger memos
     * and the texts a wallet signs ({@code TokenMessages}) all use it. Not localised: the app shows dollars the
     * same way in every language.
     */
    public String format() {
        // Division and remainder before the sign is dropped: Math.abs(Long.MIN_VALUE) is negative.
        long dollars = Math.abs(micros / MICROS_PER_DOLLAR);
        long fraction = Math.abs(micros % MICROS_PER_DOLLAR);
        String digits = String.format(Locale.ROOT, "%06d", fraction);
        int keep = 2;
        for (int i = 5; i >= 2; i--) {
            if (digits.charAt(i) != '0') {
                keep = i + 1;
                break;
            }
        }
        String sign = micros < 0 ? "-" : "";
        return sign + "$" + String.format(Locale.ROOT, "%,d", dollars) + "." + digits.substring(0, keep);
    }

    @Override
    public String toString() {
        return format();
    }
}
