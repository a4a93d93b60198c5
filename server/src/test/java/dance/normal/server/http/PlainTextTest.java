package dance.normal.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared rule for typed text: bounds, and no C0, DEL or C1 control character. */
class PlainTextTest {

    @Test
    void printableTextWithinBoundsFits() {
        assertThat(PlainText.fits("Моя песня · 2024", 1, 300)).isTrue();
        assertThat(PlainText.fits("", 0, 10)).isTrue();
    }

    @Test
    void lengthOutsideTheBoundsDoesNotFit() {
        assertThat(PlainText.fits("", 1, 10)).isFalse();
        assertThat(PlainText.fits("x".repeat(11), 0, 10)).isFalse();
    }

    @Test
    void everyControlCharacterIsRefusedNotOnlyThoseBelowSpace() {
        for (char c : new char[] {'\u0000', '\n', '\u001F', '\u007F', '\u0085', '\u009F'}) {
            assertThat(PlainText.fits("a" + c + "b", 0, 10)).as("U+%04X", (int) c).isFalse();
        }
    }
}
