package dance.normal.player.audio;

import java.util.List;
import java.util.Objects;

/**
 * A named equalizer curve, as the engine offers them (libVLC's eighteen presets: Flat, Rock, Classical...).
 *
 * @param name     the preset's name, as shown to the listener
 * @param preampDb the pre-amplification in dB that keeps the curve from clipping
 * @param bandsDb  the gain of each of the {@value EqualizerSettings#BANDS} bands in dB, lowest frequency first
 */
public record EqualizerPreset(String name, double preampDb, List<Double> bandsDb) {

    public EqualizerPreset {
        Objects.requireNonNull(name, "name");
        bandsDb = EqualizerSettings.checkedBands(bandsDb);
        EqualizerSettings.checkDb(preampDb, "preamp");
    }
}
