package dance.normal.app.studio;

import dance.normal.app.ui.I18n;
import dance.normal.protocol.ProblemType;
import dance.normal.sync.api.ProblemException;
import java.util.List;
import java.util.Locale;

/**
 * What the Studio's screens say when the server refuses a change, in the artist's language. The server names what
 * was wrong in English ({@code detail}); the app knows which fields it sent, so a refused field is named in the
 * artist's words ({@code studio.invalid.<field>}): the only field sent, else the first the detail mentions.
 */
public final class StudioWords {

    /** The fields an edit can change: keys {@code studio.invalid.<field>}, and their JSON names (as in details). */
    public enum Field {
        TITLE("title"), RELEASE("releaseid"), TRACK_NUMBER("tracknumber"), GENRE("genre"), YEAR("year"),
        PREVIEW("previewstartms");

        private final String word;

        Field(String word) {
            this.word = word;
        }

        public String key() {
            return "studio.invalid." + name().toLowerCase(Locale.ROOT);
        }
    }

    private StudioWords() {
    }

    /**
     * One sentence for a refused change: for a refusal of a field ({@code validation}, {@code bad-request}) the field
     * in the artist's words, else the app's usual sentence for the error.
     *
     * @param sent the fields the change sent
     */
    public static String refused(I18n i18n, Throwable error, List<Field> sent) {
        if (error instanceof ProblemException p && (p.problem().type().equals(ProblemType.VALIDATION.uri())
                || p.problem().type().equals(ProblemType.BAD_REQUEST.uri()))) {
            if (sent.size() == 1) {
                return i18n.get(sent.getFirst().key());
            }
            String detail = p.problem().detail() == null ? ""
                    : p.problem().detail().toLowerCase(Locale.ROOT).replace(" ", "");
            return sent.stream().filter(f -> detail.contains(f.word)).findFirst().map(f -> i18n.get(f.key()))
                    .orElseGet(() -> i18n.get("studio.invalid"));
        }
        return i18n.sentence(error);
    }

    /** The whole number typed: null when the field is empty, -1 when it is not a whole number from min to max. */
    public static Integer wholeNumber(String text, int min, int max) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(s);
            return n < min || n > max ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
