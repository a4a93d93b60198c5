package dance.normal.player.audio;

import java.util.Objects;

/**
 * What the listener set on the player and expects to find again after a restart.
 *
 * @param volume    0 to 100
 * @param muted     whether the sound is muted
 * @param equalizer the equalizer
 */
public record PlayerPreferences(int volume, boolean muted, EqualizerSettings equalizer) {

    /** Full volume, sound on, equalizer off. */
    public static final PlayerPreferences DEFAULTS = new PlayerPreferences(100, false, EqualizerSettings.OFF);

    public PlayerPreferences {
        if (volume < 0 || volume > 100) {
            throw new IllegalArgumentException("volume must be 0 to 100: " + volume);
        }
        Objects.requireNonNull(equalizer, "equalizer");
    }

    public PlayerPreferences withVolume(int percent) {
        return new PlayerPreferences(Math.clamp(percent, 0, 100), muted, equalizer);
    }

    public PlayerPreferences withMuted(boolean mute) {
        return new PlayerPreferences(volume, mute, equalizer);
    }

    public PlayerPreferences withEqualizer(EqualizerSettings settings) {
        return new PlayerPreferences(volume, muted, settings);
    }
}
