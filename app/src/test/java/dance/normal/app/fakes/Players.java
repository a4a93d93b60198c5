package dance.normal.app.fakes;

import dance.normal.player.Playable;
import dance.normal.player.Player;
import dance.normal.player.audio.PlayerPreferences;
import dance.normal.player.audio.PlayerSettings;
import dance.normal.player.queue.PlayQueue;
import java.net.URI;
import java.time.Clock;

/** A real {@link Player} over a {@link SilentEngine}: its own thread and queue, no libVLC, settings in memory. */
public final class Players {

    private Players() {
    }

    public static Player silent() {
        return new Player(SilentEngine::new, new PlayQueue(), item -> Playable.of(URI.create("file:///" + item
                .trackId())), Clock.systemUTC(), play -> { }, new PlayerSettings() {
                    private volatile PlayerPreferences saved = PlayerPreferences.DEFAULTS;

                    @Override
                    public PlayerPreferences load() {
                        return saved;
                    }

                    @Override
                    public void save(PlayerPreferences preferences) {
                        saved = preferences;
                    }
                });
    }
}
