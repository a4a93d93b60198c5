package dance.normal.protocol.studio;

/**
 * One thing a quality report warns about.
 *
 * @param code    what it is, for a client to put in the artist's language: {@code true_peak}, {@code clipping},
 *                {@code too_quiet}, {@code too_loud}, {@code silence_start}, {@code silence_end},
 *                {@code low_sample_rate}, {@code lossy_source}, {@code duplicate}, {@code not_measured} (the server
 *                has no ffmpeg, or could not decode the file), {@code not_fingerprinted} (no fpcalc: no duplicate
 *                check); a client shows {@code message} for a code it does not know
 * @param message the warning in plain English words, e.g. "Peaks above -1 dBTP will distort on some speakers."
 */
public record QualityWarning(String code, String message) {
}
