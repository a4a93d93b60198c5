package dance.normal.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.server.stream.ByteRanges.Full;
import dance.normal.server.stream.ByteRanges.Partial;
import dance.normal.server.stream.ByteRanges.Range;
import dance.normal.server.stream.ByteRanges.Unsatisfiable;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range header parsing against RFC 9110 section 14, for a 1000-byte representation unless said otherwise. */
class ByteRangesTest {

    private static final long SIZE = 1000;

    private static ByteRanges.Result parse(String header) {
        return ByteRanges.parse(header, SIZE);
    }

    private static Partial partial(Range... ranges) {
        return new Partial(List.of(ranges));
    }

    @Test
    void noHeaderMeansWholeRepresentation() {
        assertThat(parse(null)).isEqualTo(new Full());
    }

    @Test
    void firstByteOnly() {
        assertThat(parse("bytes=0-0")).isEqualTo(partial(new Range(0, 0)));
        assertThat(ByteRanges.parse("bytes=0-0", 1)).isEqualTo(partial(new Range(0, 0)));
    }

    @Test
    void openEndedFromStartIsEverythingAsOneRange() {
        assertThat(parse("bytes=0-")).isEqualTo(partial(new Range(0, 999)));
    }

    @Test
    void openEndedFromTheMiddle() {
        assertThat(parse("bytes=100-")).isEqualTo(partial(new Range(100, 999)));
        assertThat(parse("bytes=999-")).isEqualTo(partial(new Range(999, 999)));
    }

    @Test
    void lastPositionBeyondTheEndIsClamped() {
        assertThat(parse("bytes=100-5000")).isEqualTo(partial(new Range(100, 999)));
        assertThat(parse("bytes=0-999")).isEqualTo(partial(new Range(0, 999)));
        assertThat(parse("bytes=0-1000")).isEqualTo(partial(new Range(0, 999)));
        assertThat(parse("bytes=0-999999999999999999")).isEqualTo(partial(new Range(0, 999)));
    }

    @Test
    void suffixRangeIsTheLastBytes() {
        assertThat(parse("bytes=-500")).isEqualTo(partial(new Range(500, 999)));
        assertThat(parse("bytes=-1")).isEqualTo(partial(new Range(999, 999)));
    }

    @Test
    void suffixLongerThanTheFileIsTheWholeFile() {
        assertThat(parse("bytes=-1000")).isEqualTo(partial(new Range(0, 999)));
        assertThat(parse("bytes=-5000")).isEqualTo(partial(new Range(0, 999)));
    }

    @Test
    void zeroLengthSuffixIsUnsatisfiable() {
        assertThat(parse("bytes=-0")).isEqualTo(new Unsatisfiable());
    }

    @Test
    void multipleRangesKeepTheirOrder() {
        assertThat(parse("bytes=0-9,20-29,-10")).isEqualTo(
                partial(new Range(0, 9), new Range(20, 29), new Range(990, 999)));
        assertThat(parse("bytes=500-509,0-9")).isEqualTo(partial(new Range(500, 509), new Range(0, 9)));
    }

    @Test
    void whitespaceAroundListCommasIsAllowed() {
        Partial expected = partial(new Range(0, 9), new Range(20, 29));
        assertThat(parse("bytes=0-9, 20-29")).isEqualTo(expected);
        assertThat(parse("bytes=0-9 ,20-29")).isEqualTo(expected);
        assertThat(parse("bytes=0-9 , \t20-29")).isEqualTo(expected);
    }

    @Test
    void emptyListElementsAreIgnored() {
        assertThat(parse("bytes=0-9,,20-29")).isEqualTo(partial(new Range(0, 9), new Range(20, 29)));
        assertThat(parse("bytes=0-9, ,")).isEqualTo(partial(new Range(0, 9)));
    }

    @Test
    void unitIsCaseInsensitive() {
        assertThat(parse("BYTES=0-9")).isEqualTo(partial(new Range(0, 9)));
        assertThat(parse("Bytes=0-9")).isEqualTo(partial(new Range(0, 9)));
    }

    @Test
    void overlappingRangesAreAnsweredWithTheWholeRepresentationOnce() {
        assertThat(parse("bytes=0-9,5-14")).isEqualTo(new Full());
        assertThat(parse("bytes=0-,0-")).isEqualTo(new Full());
        assertThat(parse("bytes=0-0,0-0")).isEqualTo(new Full());
        assertThat(parse("bytes=-500,400-600")).isEqualTo(new Full());
        assertThat(parse("bytes=0-9,9-9")).isEqualTo(new Full());
    }

    @Test
    void adjacentRangesDoNotOverlap() {
        assertThat(parse("bytes=0-9,10-19")).isEqualTo(partial(new Range(0, 9), new Range(10, 19)));
    }

    @Test
    void moreThanSixteenRangesAreIgnored() {
        assertThat(parse(ranges(ByteRanges.MAX_RANGES))).isInstanceOf(Partial.class)
                .satisfies(r -> assertThat(((Partial) r).ranges()).hasSize(ByteRanges.MAX_RANGES));
        assertThat(parse(ranges(ByteRanges.MAX_RANGES + 1))).isEqualTo(new Full());
        assertThat(parse(ranges(500))).isEqualTo(new Full());
    }

    private static String ranges(int count) {
        StringJoiner j = new StringJoiner(",", "bytes=", "");
        for (int i = 0; i < count; i++) {
            j.add((i * 10) + "-" + (i * 10 + 4));
        }
        return j.toString();
    }

    @Test
    void rangeStartingAtOrPastTheEndIsUnsatisfiable() {
        assertThat(parse("bytes=1000-")).isEqualTo(new Unsatisfiable());
        assertThat(parse("bytes=1000-1000")).isEqualTo(new Unsatisfiable());
        assertThat(parse("bytes=5000-6000")).isEqualTo(new Unsatisfiable());
        assertThat(parse("bytes=999999999999999999-")).isEqualTo(new Unsatisfiable());
        assertThat(parse("bytes=1000-,2000-2999")).isEqualTo(new Unsatisfiable());
    }

    @Test
    void oneSatisfiableRangeAmongUnsatisfiableOnesIsServed() {
        // RFC 9110 14.1.1: a set is satisfiable if any of its ranges is; the others are left out.
        assertThat(parse("bytes=5000-6000,0-0")).isEqualTo(partial(new Range(0, 0)));
        assertThat(parse("bytes=-0,10-19")).isEqualTo(partial(new Range(10, 19)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bytes=a-b", "bytes=5-1", "items=0-1", "bytes=", "bytes=--1", "bytes= 1-2", "bytes=1 -2", "bytes=1- 2",
        "bytes =1-2", "bytes=\t1-2", "bytes=1\t-2", "bytes = 0-1", "bytes=0-1,a-b", "bytes=0-1,5-1", "bytes=1",
        "bytes=-", "bytes=1-2-3", "bytes=+1-2", "bytes=-+5", "bytes=0x10-0x20", "bytes=1.5-2", "bytes=-1-2",
        "bytes=１-２", "bytes=0-99999999999999999999", "bytes=99999999999999999999-", "bytes=-99999999999999999999",
        "bytes=9223372036854775807-", "bytes=0-9223372036854775808", "bytes", "=0-1", "", "   ", "bytes=,",
        "bytes=, ,", "0-1", "bytes:0-1", "bytes=0-1;q=1", "bytes=0 1", "bytes=\u00000-1", "bytes=0-1\u0000",
        "bytes=0-1,bytes=2-3", "none", "bytes=-\t5"
    })
    void malformedHeadersAreIgnored(String header) {
        assertThat(parse(header)).as("Range: %s", header).isEqualTo(new Full());
    }

    @Test
    void surroundingWhitespaceOfTheFieldValueIsNotPartOfIt() {
        assertThat(parse(" bytes=0-9 ")).isEqualTo(partial(new Range(0, 9)));
        assertThat(parse("\tbytes=0-9\t")).isEqualTo(partial(new Range(0, 9)));
    }

    @Test
    void emptyFileHasNoSatisfiableRangeButASuffixIsSentWhole() {
        assertThat(ByteRanges.parse(null, 0)).isEqualTo(new Full());
        assertThat(ByteRanges.parse("bytes=0-", 0)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRanges.parse("bytes=0-0", 0)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRanges.parse("bytes=-0", 0)).isEqualTo(new Unsatisfiable());
        // RFC 9110 14.1.2: a non-zero suffix is the only satisfiable form on an empty representation; with no byte to
        // put in a Content-Range, the answer is the (empty) whole.
        assertThat(ByteRanges.parse("bytes=-500", 0)).isEqualTo(new Full());
        assertThat(ByteRanges.parse("bytes=a-b", 0)).isEqualTo(new Full());
    }

    @Test
    void everyPartialRangeLiesInsideTheFile() {
        // Exhaustive over small sizes and positions: any range the parser hands out can be served as asked.
        List<String> specs = new ArrayList<>();
        for (int a = 0; a <= 12; a++) {
            specs.add(a + "-");
            specs.add("-" + a);
            for (int b = a; b <= 12; b++) {
                specs.add(a + "-" + b);
            }
        }
        for (long size = 0; size <= 10; size++) {
            for (String spec : specs) {
                ByteRanges.Result r = ByteRanges.parse("bytes=" + spec, size);
                if (r instanceof Partial(List<Range> ranges)) {
                    for (Range range : ranges) {
                        assertThat(range.first()).as("%s of %d", spec, size).isBetween(0L, size - 1);
                        assertThat(range.last()).as("%s of %d", spec, size).isBetween(range.first(), size - 1);
                        assertThat(range.length()).isPositive();
                    }
                }
            }
        }
    }
}
