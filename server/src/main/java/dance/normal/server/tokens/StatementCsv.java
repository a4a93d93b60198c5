package dance.normal.server.tokens;

import dance.normal.protocol.tokens.StatementLine;
import java.util.List;

/**
 * A statement as CSV (RFC 4180): CRLF line ends, a header row, every field quoted when it holds a comma, a quote or a
 * line break, quotes doubled. Amounts are exact decimal dollars written from the micro-dollar integers (no floating
 * point: {@code -1234567} is {@code -1.234567}). A text cell that a spreadsheet would read as a formula (starting
 * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so opening the file runs nothing.
 */
public final class StatementCsv {

    static final String HEADER = "seq,at,account,kind,memo,amount_usd,balance_after_usd";
    private static final String CRLF = "\r\n";

    private StatementCsv() {
    }

    public static String write(List<StatementLine> lines) {
        StringBuilder out = new StringBuilder(HEADER).append(CRLF);
        for (StatementLine l : lines) {
            out.append(l.seq()).append(',')
                    .append(text(l.at().toString())).append(',')
                    .append(text(l.account())).append(',')
                    .append(text(l.kind())).append(',')
                    .append(text(l.memo())).append(',')
                    .append(dollars(l.amountMicros())).append(',')
                    .append(dollars(l.balanceAfterMicros())).append(CRLF);
        }
        return out.toString();
    }

    /** Micro-dollars as exact dollars with six decimals: 1500000 is 1.500000, -5 is -0.000005. */
    static String dollars(long micros) {
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros); // the ledger's amounts are far from Long.MIN_VALUE
        long whole = abs / 1_000_000;
        long fraction = abs % 1_000_000;
        return sign + whole + "." + String.format("%06d", fraction);
    }

    /** A text field: defused against formulas, then quoted as RFC 4180 needs. */
    static String text(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
