package dance.normal.player.mpris;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.player.Playable;
import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.audio.FilePlayerSettings;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.testing.Tones;
import dance.normal.player.vlc.VlcEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop sees what the real player plays and controls it, over a real D-Bus. */
class PlayerMprisIT {

    private static final String NAME = "org.mpris.MediaPlayer2.normaldance";
    private static final String PATH = "/org/mpris/MediaPlayer2";
    private static final String PLAYER = "org.mpris.MediaPlayer2.Player";

    @TempDir
    Path dir;

    @Test
    void mediaKeysAndWidgetsFollowAndControlThePlayer() throws Exception {
        Path first = Tones.make("sine=frequency=440:duration=20", "flac", dir.resolve("first.flac"));
        Path second = Tones.make("sine=frequency=550:duration=20", "flac", dir.resolve("second.flac"));
        try (PrivateBus bus = PrivateBus.start(dir);
             Player player = new Player(() -> VlcEngine.headless(Duration.ofSeconds(5)), new PlayQueue(),
                     item -> Playable.of((item.trackId().equals("first") ? first : second).toUri()),
                     Clock.systemUTC(), play -> { }, new FilePlayerSettings(dir.resolve("p.properties")));
             PlayerMpris mpris = PlayerMpris.attach(player, bus.address(), track -> track.equals("first")
                     ? new PlayerMpris.Extras("Dawn Sessions", dir.resolve("first.jpg").toUri().toString())
                     : PlayerMpris.Extras.NONE)) {
            assertThat(mpris.isConnected()).isTrue();
            AtomicInteger playing = new AtomicInteger();
            player.addListener(new PlayerListener() {
                @Override
                public void onState(PlaybackState state) {
                    if (state instanceof PlaybackState.Playing) {
                        playing.incrementAndGet();
                    }
                }
            });
            DBusConnection client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
            try {
                Properties props = client.getRemoteObject(NAME, PATH, Properties.class);
                MediaPlayer2Player remote = client.getRemoteObject(NAME, PATH, MediaPlayer2Player.class);

                player.playNow(List.of(QueueItem.of("first", "First Light", "Tester", 20_000),
                        QueueItem.of("second", "Second Wind", "Tester", 20_000)), 0);
                await(() -> playing.get() == 1);
                await(() -> title(props).equals("First Light") && status(props).equals("Playing"));
                assertThat(props.<Boolean>Get(PLAYER, "CanGoNext")).isTrue();
                await(() -> "Dawn Sessions".equals(metadata(props, "xesam:album")));
                assertThat(metadata(props, "mpris:artUrl")).isEqualTo(dir.resolve("first.jpg").toUri().toString());

                remote.Next();
                // The skip is done once the second track plays (the queue moves a moment before the engine).
                await(() -> playing.get() == 2);
                await(() -> title(props).equals("Second Wind") && status(props).equals("Playing"));
                assertThat(props.<Boolean>Get(PLAYER, "CanGoNext")).isFalse();
                assertThat(metadata(props, "mpris:artUrl")).as("no art for a track without").isNull();

                remote.PlayPause();
                await(() -> status(props).equals("Paused"));
                remote.PlayPause();
                await(() -> status(props).equals("Playing"));

                props.Set(PLAYER, "Volume", 0.25);
                await(() -> player.preferences().volume() == 25);
            } finally {
                client.disconnect();
            }
        }
    }

    private static String title(Properties props) {
        return String.valueOf(metadata(props, "xesam:title"));
    }

    /** A metadata entry as text, or null when there is none. */
    private static String metadata(Properties props, String key) {
        Map<String, ?> metadata = props.Get(PLAYER, "Metadata");
        Object value = metadata.get(key);
        return value instanceof Variant<?> v ? String.valueOf(v.getValue()) : value == null ? null
                : String.valueOf(value);
    }

    private static String status(Properties props) {
        return props.Get(PLAYER, "PlaybackStatus");
    }

    private static void await(Supplier<Boolean> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.get()) {
            assertThat(System.nanoTime()).as("within 15 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
