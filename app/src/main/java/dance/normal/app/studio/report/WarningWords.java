package dance.normal.app.studio.report;

import dance.normal.app.ui.I18n;
import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.QualityWarning;
import java.util.Locale;
import java.util.Set;

/**
 * A report's warnings and figures in the artist's language. A warning whose code the app knows is said in its own
 * words ({@code studio.warning.<code>}, with the report's figure in it); one it does not know (a newer server) is
 * the server's own English sentence, so nothing is hidden.
 */
final class WarningWords {

    static final Set<String> KNOWN = Set.of("true_peak", "clipping", "too_quiet", "too_loud", "silence_start",
            "silence_end", "low_sample_rate", "lossy_source", "duplicate");

    private WarningWords() {
    }

    static String sentence(I18n i18n, QualityWarning w, QualityReport r) {
        if (!KNOWN.contains(w.code())) {
            return w.message();
        }
        Locale l = i18n.locale();
        String key = "studio.warning." + w.code();
        return switch (w.code()) {
            case "true_peak" -> i18n.get(key, decibels(l, r.truePeakDbtp()));
            case "too_quiet", "too_loud" -> i18n.get(key, decibels(l, r.integratedLufs()));
            case "clipping" -> i18n.get(key, count(l, r.clippedSamples()));
            case "silence_start" -> i18n.get(key, seconds(l, r.silenceStartMs()));
            case "silence_end" -> i18n.get(key, seconds(l, r.silenceEndMs()));
            case "low_sample_rate" -> i18n.get(key, kilohertz(l, r.sampleRateHz()));
            case "lossy_source" -> i18n.get(key, r.codec() == null ? "?" : r.codec());
            default -> i18n.get(key, r.duplicateTitle() != null ? r.duplicateTitle()
                    : r.duplicateOf() != null ? r.duplicateOf() : "?");
        };
    }

    /** "-14.2" (in the artist's decimal style), or a dash when not measured. */
    static String decibels(Locale l, Double value) {
        return value == null ? "\u2014" : String.format(l, "%.1f", value);
    }

    static String seconds(Locale l, long ms) {
        return String.format(l, "%.1f", ms / 1000.0);
    }

    static String kilohertz(Locale l, int hz) {
        return hz % 1000 == 0 ? Integer.toString(hz / 1000) : String.format(l, "%.1f", hz / 1000.0);
    }

    static String count(Locale l, long n) {
        return String.format(l, "%,d", n);
    }
}
