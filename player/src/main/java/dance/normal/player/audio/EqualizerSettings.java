package dance.normal.player.audio;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The listener's equalizer: on or off, and the curve. When it is off, tracks play unchanged (apart from their
 * {@link TrackGain}).
 *
 * @param enabled  whether the equalizer is applied
 * @param preset   the name of the preset the curve came from, or {@code "Custom"} after the bands were edited
 * @param preampDb the pre-amplification in dB, -20 to 20
 * @param bandsDb  the gain of each of the {@value #BANDS} bands in dB, -20 to 20, lowest frequency first
 */
public record EqualizerSettings(boolean enabled, String preset, double preampDb, List<Double> bandsDb) {

    /** The number of bands: libVLC's ten-band equalizer (60 Hz to 16 kHz). */
    public static final int BANDS = 10;

    /** The name a curve gets once its bands no longer match a preset. */
    public static final String CUSTOM = "Custom";

    /** The equalizer switched off with a flat curve: the default. */
    public static final EqualizerSettings OFF =
            new EqualizerSettings(false, "Flat", 0, Collections.nCopies(BANDS, 0.0));

    private static final double LIMIT_DB = 20;

    public EqualizerSettings {
        Objects.requireNonNull(preset, "preset");
        checkDb(preampDb, "preamp");
        bandsDb = checkedBands(bandsDb);
    }

    /** The same settings with a preset's curve, switched on. */
    public EqualizerSettings withPreset(EqualizerPreset chosen) {
        return new EqualizerSettings(true, chosen.name(), chosen.preampDb(), chosen.bandsDb());
    }

    /** The same settings with one band changed: the curve becomes {@link #CUSTOM}. */
    public EqualizerSettings withBand(int band, double db) {
        Objects.checkIndex(band, BANDS);
        Double[] bands = bandsDb.toArray(Double[]::new);
        bands[band] = db;
        return new EqualizerSettings(enabled, CUSTOM, preampDb, List.of(bands));
    }

    /** The same curve, switched on or off. */
    public EqualizerSettings withEnabled(boolean on) {
        return new EqualizerSettings(on, preset, preampDb, bandsDb);
    }

    static List<Double> checkedBands(List<Double> bands) {
        Objects.requireNonNull(bands, "bandsDb");
        if (bands.size() != BANDS) {
            throw new IllegalArgumentException("an equalizer has " + BANDS + " bands, not " + bands.size());
        }
        for (Double band : bands) {
            checkDb(Objects.requireNonNull(band, "band"), "band");
        }
        return List.copyOf(bands);
    }

    static void checkDb(double db, String what) {
        if (!Double.isFinite(db) || Math.abs(db) > LIMIT_DB) {
            throw new IllegalArgumentException(what + " must be within +/-" + LIMIT_DB + " dB: " + db);
        }
    }
}
