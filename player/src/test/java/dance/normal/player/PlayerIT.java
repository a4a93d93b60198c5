package dance.normal.player;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.player.plays.QualifiedPlay;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.vlc.VlcEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of a track advances the queue, through real libVLC playback; each play qualifies once. */
class PlayerIT {

    @TempDir
    Path dir;

    @Test
    void endOfATrackPlaysTheNextOneAndEachPlayQualifiesOnce() throws Exception {
        ffmpeg("sine=frequency=440:duration=3", "first.wav");
        ffmpeg("sine=frequency=550:duration=3", "second.wav");
        Map<String, Path> files = Map.of("first", dir.resolve("first.wav"), "second", dir.resolve("second.wav"));
        List<Loaded> played = new CopyOnWriteArrayList<>();
        List<QualifiedPlay> qualified = new CopyOnWriteArrayList<>();
        List<PlaybackState> states = new CopyOnWriteArrayList<>();

        try (VlcEngine engine = VlcEngine.headless(Duration.ofSeconds(5));
             Player player = new Player(engine, new PlayQueue(), item -> {
                 played.add(new Loaded(item.trackId()));
                 return files.get(item.trackId()).toUri();
             }, Clock.systemUTC(), qualified::add)) {
            engine.addListener(new PlayerListener() {
                @Override
                public void onState(PlaybackState state) {
                    states.add(state);
                }
            });
            player.playNow(List.of(QueueItem.of("first", "First", "Tester", 3_000),
                    QueueItem.of("second", "Second", "Tester", 3_000)), 0);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (states.stream().filter(s -> s instanceof PlaybackState.Ended).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        assertThat(played).containsExactly(new Loaded("first"), new Loaded("second"));
        assertThat(states.stream().filter(s -> s instanceof PlaybackState.Ended).count()).isEqualTo(2);
        assertThat(qualified).extracting(QualifiedPlay::trackId).containsExactly("first", "second");
        assertThat(qualified.get(0).playId()).isNotEqualTo(qualified.get(1).playId());
    }

    /** Which track the player asked the engine to load. */
    private record Loaded(String trackId) {
    }

    private void ffmpeg(String source, String name) throws Exception {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", source, "-ac", "2", "-ar", "44100", "-c:a", "pcm_s16le", dir.resolve(name).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("ffmpeg %s: %s", name, output).isZero();
    }
}
