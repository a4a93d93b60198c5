package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.tokens.StatementLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCsvTest {

    @Test
    void amountsAreExactDollarsFromMicroDollars() {
        assertThat(StatementCsv.dollars(0)).isEqualTo("0.000000");
        assertThat(StatementCsv.dollars(1)).isEqualTo("0.000001");
        assertThat(StatementCsv.dollars(-5)).isEqualTo("-0.000005");
        assertThat(StatementCsv.dollars(1_500_000)).isEqualTo("1.500000");
        assertThat(StatementCsv.dollars(-1_234_567)).isEqualTo("-1.234567");
        assertThat(StatementCsv.dollars(9_007_199_254_740_993L)).as("beyond a double's exact integers")
                .isEqualTo("9007199254.740993");
    }

    @Test
    void fieldsAreQuotedAsRfc4180Says() {
        assertThat(StatementCsv.text("plain")).isEqualTo("plain");
        assertThat(StatementCsv.text("a, b")).isEqualTo("\"a, b\"");
        assertThat(StatementCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StatementCsv.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(StatementCsv.text(null)).isEmpty();
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreDefused() {
        assertThat(StatementCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(StatementCsv.text("+1")).isEqualTo("'+1");
        assertThat(StatementCsv.text("-2+3")).isEqualTo("'-2+3");
        assertThat(StatementCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(StatementCsv.text("\tx")).isEqualTo("'\tx");
        assertThat(StatementCsv.text("\rx")).isEqualTo("\"'\rx\"");
        assertThat(StatementCsv.text("Sold 4 tokens")).isEqualTo("Sold 4 tokens");
    }

    @Test
    void aStatementIsAHeaderAndOneCrlfLinePerEntry() {
        String csv = StatementCsv.write(List.of(
                new StatementLine(7, Instant.parse("2026-12-01T10:00:00Z"), "artist", "sale",
                        "Sold 1 token for $1.00: 90% to the artist, 10% platform fee", 900_000, 900_000),
                new StatementLine(9, Instant.parse("2026-12-02T10:00:00Z"), "artist", "withdrawal",
                        "=cmd|' /C calc'!A0", -400_000, 500_000)));
        assertThat(csv).isEqualTo(StatementCsv.HEADER + "\r\n"
                + "7,2026-12-01T10:00:00Z,artist,sale,\"Sold 1 token for $1.00: 90% to the artist, 10% platform "
                + "fee\",0.900000,0.900000\r\n"
                + "9,2026-12-02T10:00:00Z,artist,withdrawal,'=cmd|' /C calc'!A0,-0.400000,0.500000\r\n");
    }
}
