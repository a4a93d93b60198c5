package dance.normal.player.vlc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.player.EngineUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.co.caprica.vlcj.factory.discovery.NativeDiscovery;
import uk.co.caprica.vlcj.factory.discovery.strategy.NativeDiscoveryStrategy;

/** Runs in its own JVM (surefire), before anything has found libVLC: vlcj remembers a discovery. */
class VlcEngineTest {

    @Test
    void missingLibVlcNamesThePackagesToInstall() {
        NativeDiscovery findsNothing = new NativeDiscovery(new NowhereStrategy());

        assertThatThrownBy(() -> new VlcEngine(findsNothing, VlcEngine.HEADLESS_OPTIONS, Duration.ofSeconds(8),
                Duration.ofSeconds(10), null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("sudo apt-get install libvlc5 vlc-plugin-base");
    }

    /** A machine without libVLC. */
    private static final class NowhereStrategy implements NativeDiscoveryStrategy {
        @Override
        public boolean supported() {
            return true;
        }

        @Override
        public String discover() {
            return null;
        }

        @Override
        public boolean onFound(String path) {
            return true;
        }

        @Override
        public boolean onSetPluginPath(String path) {
            return true;
        }
    }
}
