package dance.normal.player;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.player.audio.PlayerSettings;
import dance.normal.player.audio.PlayerPreferences;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.testing.TapRecorder;
import dance.normal.player.testing.Tones;
import dance.normal.player.vlc.VlcEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gapless playback, measured on the audio itself: the sound of one track against the next on libVLC's clock. */
class GaplessIT {

    private static final long GAP_TARGET_MS = 50;

    @TempDir
    Path dir;

    @Test
    void theNextTrackStartsWithinFiftyMillisecondsOfTheEndOfTheLast() throws Exception {
        Map<String, Path> files = Map.of(
                "a", Tones.make("sine=frequency=440:duration=3", "pcm_s16le", dir.resolve("a.wav")),
                "b", Tones.make("sine=frequency=660:duration=3", "flac", dir.resolve("b.flac")),
                "c", Tones.make("sine=frequency=880:duration=3", "libvorbis", dir.resolve("c.ogg")));
        TapRecorder tap = new TapRecorder();
        List<PlaybackState> states = new CopyOnWriteArrayList<>();
        List<URI> advanced = new CopyOnWriteArrayList<>();
        try (Player player = new Player(() -> VlcEngine.tapped(Duration.ofSeconds(5), tap), new PlayQueue(),
                item -> Playable.of(files.get(item.trackId()).toUri()), Clock.systemUTC(), play -> { },
                new MemorySettings())) {
            player.addListener(new PlayerListener() {
                @Override
                public void onState(PlaybackState state) {
                    states.add(state);
                }

                @Override
                public void onAdvanced(URI source) {
                    advanced.add(source);
                }
            });
            player.playNow(List.of(QueueItem.of("a", "A", "T", 3_000), QueueItem.of("b", "B", "T", 3_000),
                    QueueItem.of("c", "C", "T", 3_000)), 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!states.contains(PlaybackState.ENDED) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(advanced).containsExactly(files.get("b").toUri(), files.get("c").toUri());

        // Three runs of sound, one per track, each whole, each starting where the one before stopped.
        List<List<TapRecorder.Block>> runs = runsByPlayer(tap.blocks());
        assertThat(runs).hasSize(3);
        String heard = runs.stream().map(run -> run.stream().mapToLong(TapRecorder.Block::frames).sum()
                + " frames from " + run.getFirst().ptsUs() / 1000 + " ms").toList().toString();
        for (List<TapRecorder.Block> run : runs) {
            long frames = run.stream().mapToLong(TapRecorder.Block::frames).sum();
            assertThat(frames).as("frames of one 3 s track; heard %s", heard)
                    .isBetween(3 * 44_100L - 2_048, 3 * 44_100L + 2_048);
        }
        for (int i = 1; i < runs.size(); i++) {
            long gapUs = runs.get(i).getFirst().ptsUs() - runs.get(i - 1).getLast().endUs();
            assertThat(gapUs / 1000.0).as("silence between track %d and %d, ms", i, i + 1)
                    .isBetween(-5.0, (double) GAP_TARGET_MS);
        }
    }

    /** Splits the blocks where the media player changes: one run per track. */
    private static List<List<TapRecorder.Block>> runsByPlayer(List<TapRecorder.Block> blocks) {
        List<List<TapRecorder.Block>> runs = new ArrayList<>();
        for (TapRecorder.Block block : blocks) {
            if (runs.isEmpty() || runs.getLast().getLast().player() != block.player()) {
                runs.add(new ArrayList<>());
            }
            runs.getLast().add(block);
        }
        return runs;
    }

    /** Preferences kept in memory. */
    static final class MemorySettings implements PlayerSettings {
        private volatile PlayerPreferences saved = PlayerPreferences.DEFAULTS;

        @Override
        public PlayerPreferences load() {
            return saved;
        }

        @Override
        public void save(PlayerPreferences preferences) {
            saved = preferences;
        }
    }
}
