package dance.normal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "https://music.example.com, https://music.example.com/",
        "music.example.com, https://music.example.com/",
        "  music.example.com:8443  , https://music.example.com:8443/",
        "Music.Example.COM:443/, https://music.example.com/",
        "127.0.0.1:7878, http://127.0.0.1:7878/",
        "127.1.2.3:7878, http://127.1.2.3:7878/",
        "127.example.com, https://127.example.com/",
        "localhost:7878, http://localhost:7878/",
        "[::1]:7878, http://[::1]:7878/",
        "HTTP://127.0.0.1:7878/, http://127.0.0.1:7878/",
        "http://192.168.1.20:80, http://192.168.1.20/",
    })
    void anAddressAsPeopleTypeItBecomesTheServersRoot(String typed, String expected) {
        assertThat(AppConfig.serverAddress(typed)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ftp://music.example.com", "https://", "file:///etc/passwd",
        "https://user:pw@music.example.com", "https://music.example.com/?x=1", "not an address", "http://[::1",
        "https://music.example.com/nd", "music.example.com/api/v1"})
    void whatIsNotAnHttpAddressOfAHostIsRefused(String typed) {
        assertThatThrownBy(() -> AppConfig.serverAddress(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code ./nd demo --artist} passes the demo artist's credentials file; the server switch keeps it. */
    @Test
    void demoArtistNamesTheCredentialsFile() {
        AppConfig config = AppConfig.from(List.of("--demo-artist", dir.resolve("demo-artist.credentials").toString(),
                "--server", "http://127.0.0.1:7878"));
        assertThat(config.demoArtist()).isEqualTo(dir.resolve("demo-artist.credentials"));
        assertThat(config.demo()).isFalse();
        assertThat(config.withServer(URI.create("http://127.0.0.1:9999/")).demoArtist())
                .isEqualTo(config.demoArtist());
        assertThat(AppConfig.from(List.of("--server", "http://127.0.0.1:7878")).demoArtist()).isNull();
        assertThatThrownBy(() -> AppConfig.from(List.of("--demo-artist"))).hasMessageContaining("--demo-artist");
    }

    @Test
    void theCommandLineRefusesPlainHttpToAnotherMachine() {
        assertThatThrownBy(() -> AppConfig.from(List.of("--server", "http://192.168.1.20:7878")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http is only for this machine")
                .hasMessageContaining("https://192.168.1.20:7878");
        assertThat(AppConfig.from(List.of("--server", "https://192.168.1.20:7878")).server())
                .isEqualTo(URI.create("https://192.168.1.20:7878/"));
        assertThat(AppConfig.from(List.of("--server", "http://127.0.0.1:7878")).server())
                .isEqualTo(URI.create("http://127.0.0.1:7878/"));
    }

    @Test
    void theServerGivenOnTheCommandLineWinsOverTheOneChosenInSettings() {
        URI chosen = URI.create("https://chosen.example.com/");
        AppConfig given = AppConfig.from(List.of("--server", "https://given.example.com", "--data-dir",
                dir.toString()), d -> Optional.of(chosen));
        assertThat(given.server()).isEqualTo(URI.create("https://given.example.com/"));
        assumeTrue(System.getenv("ND_SERVER") == null, "ND_SERVER is set here, and it wins over Settings");
        AppConfig saved = AppConfig.from(List.of("--data-dir", dir.toString()), d -> Optional.of(chosen));
        assertThat(saved.server()).isEqualTo(chosen);
        assertThat(AppConfig.from(List.of("--data-dir", dir.toString())).server())
                .isEqualTo(AppConfig.DEFAULT_SERVER);
    }

    @Test
    void theChosenServerIsKeptWithTheOtherSettings() {
        Path file = dir.resolve("settings.properties");
        AppPrefs prefs = AppPrefs.load(file).withTheme("dark")
                .withServer(URI.create("https://chosen.example.com/"));
        prefs.save(file);
        assertThat(AppPrefs.load(file)).isEqualTo(prefs);
        assertThat(AppPrefs.load(dir.resolve("none.properties")).server()).isEmpty();
    }
}
