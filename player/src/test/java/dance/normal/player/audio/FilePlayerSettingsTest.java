package dance.normal.player.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePlayerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsWhatLoads() {
        FilePlayerSettings settings = new FilePlayerSettings(dir.resolve("a/b/player.properties"));
        assertThat(settings.load()).isEqualTo(PlayerPreferences.DEFAULTS);

        EqualizerSettings eq = EqualizerSettings.OFF
                .withPreset(new EqualizerPreset("Rock", -7, List.of(8.0, 4.8, -5.6, -8.0, -3.2, 4.0, 8.8, 11.2, 11.2,
                        11.2)))
                .withBand(3, -2.5);
        PlayerPreferences saved = new PlayerPreferences(35, true, eq);
        settings.save(saved);

        PlayerPreferences loaded = new FilePlayerSettings(dir.resolve("a/b/player.properties")).load();
        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.equalizer().preset()).isEqualTo(EqualizerSettings.CUSTOM);
        assertThat(dir.resolve("a/b")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aDamagedFileGivesTheDefaultsInsteadOfFailing() throws Exception {
        Path file = dir.resolve("player.properties");
        Files.writeString(file, "volume=loud\nmuted=maybe\n");
        assertThat(new FilePlayerSettings(file).load()).isEqualTo(PlayerPreferences.DEFAULTS);

        Files.writeString(file, "volume=250\nmuted=false\nequalizer.enabled=false\nequalizer.preset=Flat\n"
                + "equalizer.preamp=0\nequalizer.bands=0,0,0,0,0,0,0,0,0,0\n");
        assertThat(new FilePlayerSettings(file).load()).isEqualTo(PlayerPreferences.DEFAULTS);

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        assertThat(new FilePlayerSettings(file).load()).isEqualTo(PlayerPreferences.DEFAULTS);
    }

    @Test
    void aSaveThatCannotBeWrittenLeavesThePreviousSettings() throws Exception {
        Path file = dir.resolve("player.properties");
        FilePlayerSettings settings = new FilePlayerSettings(file);
        settings.save(PlayerPreferences.DEFAULTS.withVolume(20));
        // A directory where the temporary file would go makes the next write fail.
        Files.createDirectory(dir.resolve("player.properties.tmp"));
        settings.save(PlayerPreferences.DEFAULTS.withVolume(90));
        assertThat(settings.load().volume()).isEqualTo(20);
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new PlayerPreferences(101, false, EqualizerSettings.OFF))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqualizerSettings.OFF.withBand(0, 21))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EqualizerSettings(true, "x", 0, List.of(1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PlayerPreferences.DEFAULTS.withVolume(150).volume()).isEqualTo(100);
    }
}
