package dance.normal.server.quality;

import java.util.Optional;

/** A measurement and the fingerprint taken from the same decode; the fingerprint is empty without fpcalc. */
public record Analysis(Measurement measurement, Optional<Fingerprint> fingerprint) {
}
