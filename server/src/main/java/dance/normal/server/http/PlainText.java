package dance.normal.server.http;

/**
 * The one rule for a short text a person typed (a title, a genre, a file name): a length within bounds and no control
 * character at all, by {@link Character#isISOControl} (C0, DEL and C1: U+0000..U+001F and U+007F..U+009F), so the
 * value can be shown, stored and written to a CSV or a log line as it is. Used by the tus metadata, the multipart
 * upload's fields and the Studio's track and release edits, so one route cannot let through what another refuses.
 */
public final class PlainText {

    private PlainText() {
    }

    /** Whether {@code value} is {@code min} to {@code max} characters long with no control character. */
    public static boolean fits(String value, int min, int max) {
        return value.length() >= min && value.length() <= max && value.chars().noneMatch(Character::isISOControl);
    }
}
