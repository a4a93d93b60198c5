package dance.normal.app.ui;

import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.UnreachableException;
import dance.normal.sync.api.UntrustedCertificateException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/** The app's words in the chosen language (English, Russian), from resource bundles. */
public final class I18n {

    private final ResourceBundle bundle;
    private final Locale locale;

    public I18n(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("dance.normal.app.messages", locale);
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /**
     * The sentence for a server problem: ours for the types we know (so it is in the listener's language), else the
     * server's own detail.
     */
    public String problem(String typeUri, String detail) {
        String key = "problem." + typeUri.substring(typeUri.lastIndexOf('/') + 1);
        return bundle.containsKey(key) ? bundle.getString(key) : detail;
    }

    /**
     * What went wrong, in one sentence the listener can act on: a server problem in their language, "the server
     * cannot be reached", or the error's own message.
     */
    public String sentence(Throwable error) {
        return switch (error) {
            case ProblemException p -> problem(p.problem().type(), p.problem().detail());
            case UnreachableException u -> get("error.unreachable");
            case UntrustedCertificateException u -> get("error.certificateChanged");
            default -> get("onboarding.error.failed", error.getMessage());
        };
    }

    /** A moment as the listener reads it: "Dec 3, 2026, 6:40 AM", "3 дек. 2026 г., 06:40". */
    public String when(Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(at.atZone(ZoneId.systemDefault()));
    }

    public Locale locale() {
        return locale;
    }
}
