package dance.normal.player.audio;

/**
 * Where the player keeps the listener's volume and equalizer between runs. The app provides one (its settings
 * store); {@link FilePlayerSettings} keeps them in a small file.
 */
public interface PlayerSettings {

    /**
     * The saved preferences.
     *
     * @return what was saved last, or {@link PlayerPreferences#DEFAULTS} when nothing was or it cannot be read
     */
    PlayerPreferences load();

    /**
     * Saves the preferences, replacing what was saved before. Must not leave a half-written store behind.
     *
     * @param preferences what to keep
     */
    void save(PlayerPreferences preferences);
}
