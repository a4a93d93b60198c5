package dance.normal.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.FilePlayerSettings;
import dance.normal.player.audio.PlayerPreferences;
import dance.normal.player.plays.QualifiedPlay;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueSnapshot;
import dance.normal.player.testing.StallingEngine;
import dance.normal.player.testing.TapRecorder;
import dance.normal.player.testing.Tones;
import dance.normal.player.vlc.VlcEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The player over real libVLC playback: the queue advances, plays qualify once, preferences survive a restart. */
class PlayerIT {

    @TempDir
    Path dir;

    @Test
    void endOfATrackPlaysTheNextOneAndEachPlayQualifiesOnce() throws Exception {
        Map<String, Path> files = Map.of(
                "first", Tones.make("sine=frequency=440:duration=3", "pcm_s16le", dir.resolve("first.wav")),
                "second", Tones.make("sine=frequency=550:duration=3", "pcm_s16le", dir.resolve("second.wav")));
        List<QualifiedPlay> qualified = new CopyOnWriteArrayList<>();
        Events events = new Events();

        try (Player player = new Player(() -> VlcEngine.headless(Duration.ofSeconds(5)), new PlayQueue(),
                item -> Playable.of(files.get(item.trackId()).toUri()), Clock.systemUTC(), qualified::add,
                new FilePlayerSettings(dir.resolve("player.properties")))) {
            player.addListener(events);
            player.playNow(List.of(QueueItem.of("first", "First", "Tester", 3_000),
                    QueueItem.of("second", "Second", "Tester", 3_000)), 0);
            await(() -> events.states.contains(PlaybackState.ENDED), 30);
        }

        assertThat(events.advanced).containsExactly(files.get("second").toUri());
        assertThat(events.states.stream().filter(s -> s instanceof PlaybackState.Ended).count()).isEqualTo(1);
        assertThat(qualified).extracting(QualifiedPlay::trackId).containsExactly("first", "second");
        assertThat(qualified.get(0).playId()).isNotEqualTo(qualified.get(1).playId());
    }

    @Test
    void volumeAndEqualizerSurviveARestart() throws Exception {
        Path tone = Tones.make("sine=frequency=440:duration=20", "flac", dir.resolve("tone.flac"));
        Path settingsFile = dir.resolve("settings/player.properties");
        List<QueueItem> queue = List.of(QueueItem.of("tone", "Tone", "Tester", 20_000));

        EqualizerSettings rock;
        try (Player player = new Player(() -> VlcEngine.headless(Duration.ofSeconds(5)), new PlayQueue(),
                item -> Playable.of(tone.toUri()), Clock.systemUTC(), play -> { },
                new FilePlayerSettings(settingsFile))) {
            assertThat(player.preferences()).isEqualTo(PlayerPreferences.DEFAULTS);
            rock = EqualizerSettings.OFF.withPreset(player.equalizerPresets().stream()
                    .filter(p -> p.name().equals("Rock")).findFirst().orElseThrow());
            player.setVolume(35);
            player.setEqualizer(rock);
        }

        TapRecorder tap = new TapRecorder();
        Events events = new Events();
        try (Player player = new Player(() -> VlcEngine.tapped(Duration.ofSeconds(5), tap), new PlayQueue(),
                item -> Playable.of(tone.toUri()), Clock.systemUTC(), play -> { },
                new FilePlayerSettings(settingsFile))) {
            assertThat(player.preferences()).isEqualTo(new PlayerPreferences(35, false, rock));
            player.addListener(events);
            player.playNow(queue, 0);
            await(() -> events.lastPositionMs > 500, 15);
            // The sound card is set to 35 %: what the engine applied, not only what it remembered.
            assertThat(tap.volumes()).isNotEmpty();
            assertThat(tap.volumes().getLast().volume()).isCloseTo(0.35f, within(0.01f));
        }
    }

    @Test
    void aStalledEngineIsReplacedAndTheTrackGoesOnFromWhereItWas() throws Exception {
        Path tone = Tones.make("sine=frequency=440:duration=20", "flac", dir.resolve("long.flac"));
        List<AudioEngine> made = new CopyOnWriteArrayList<>();
        Events events = new Events();
        try (Player player = new Player(() -> {
            AudioEngine engine = made.isEmpty()
                    ? new StallingEngine(VlcEngine.headless(Duration.ofSeconds(5)))
                    : VlcEngine.headless(Duration.ofSeconds(5));
            made.add(engine);
            return engine;
        }, new PlayQueue(), item -> Playable.of(tone.toUri()), Clock.systemUTC(), play -> { },
                new FilePlayerSettings(dir.resolve("p.properties")))) {
            player.addListener(events);
            player.playNow(List.of(QueueItem.of("long", "Long", "Tester", 20_000)), 0);
            await(() -> events.lastPositionMs > 1_500, 15);
            long before = events.lastPositionMs;

            ((StallingEngine) made.getFirst()).stall();
            await(() -> made.size() == 2, 10);
            events.lastPositionMs = -1;
            await(() -> events.lastPositionMs > before, 15);

            assertThat(events.errors).extracting(PlaybackError::kind)
                    .containsExactly(PlaybackError.Kind.ENGINE_STALLED);
            assertThat(events.states.getLast()).isEqualTo(PlaybackState.PLAYING);
        }
    }

    @Test
    void aTrackThatCannotBePlayedIsSkippedWithAnError() throws Exception {
        Path good = Tones.make("sine=frequency=440:duration=20", "flac", dir.resolve("good.flac"));
        Path missing = dir.resolve("gone.flac");
        Events events = new Events();
        try (Player player = new Player(() -> VlcEngine.headless(Duration.ofSeconds(5)), new PlayQueue(),
                item -> Playable.of((item.trackId().equals("good") ? good : missing).toUri()), Clock.systemUTC(),
                play -> { }, new FilePlayerSettings(dir.resolve("p.properties")))) {
            player.addListener(events);
            List<QueueItem> items = List.of(QueueItem.of("gone", "Gone", "Tester", 20_000),
                    QueueItem.of("good", "Good", "Tester", 20_000));
            player.playNow(items, 0);
            await(() -> events.lastPositionMs > 300, 15);
            player.withQueue(q -> events.current = q.current().orElseThrow().trackId());
            await(() -> events.current != null, 5);
        }
        assertThat(events.errors).extracting(PlaybackError::kind).containsExactly(PlaybackError.Kind.NOT_FOUND);
        assertThat(events.current).isEqualTo("good");
    }

    @Test
    void aQueueOfUnplayableTracksStopsInsteadOfSpinning() throws Exception {
        Events events = new Events();
        List<StallingEngine> made = new CopyOnWriteArrayList<>();
        try (Player player = new Player(() -> {
            StallingEngine engine = new StallingEngine(VlcEngine.headless(Duration.ofSeconds(5)));
            made.add(engine);
            return engine;
        }, new PlayQueue(), item -> Playable.of(dir.resolve(item.trackId() + ".flac").toUri()), Clock.systemUTC(),
                play -> { }, new FilePlayerSettings(dir.resolve("p.properties")))) {
            player.addListener(events);
            player.withQueue(q -> q.setRepeat(dance.normal.player.queue.RepeatMode.ALL));
            player.playNow(List.of(QueueItem.of("a", "A", "T", 1_000), QueueItem.of("b", "B", "T", 1_000),
                    QueueItem.of("c", "C", "T", 1_000)), 0);
            await(() -> events.errors.size() >= 3, 10);
            // The player decides on its own thread, in the task the third error queued; once that has run, a
            // spinning player would already have handed the engine a fourth track.
            drain(player);
            assertThat(made).hasSize(1);
            assertThat(made.getFirst().loaded()).as("tracks handed to the engine")
                    .extracting(uri -> Path.of(uri).getFileName().toString())
                    .containsExactly("a.flac", "b.flac", "c.flac");
        }
        assertThat(events.errors).hasSize(3);
    }

    @Test
    void aRestoredQueueWaitsAndThenPlaysItsCurrentTrackFromWhereItWas() throws Exception {
        Path first = Tones.make("sine=frequency=330:duration=20", "flac", dir.resolve("first.flac"));
        Path second = Tones.make("sine=frequency=440:duration=20", "flac", dir.resolve("second.flac"));
        List<URI> asked = new CopyOnWriteArrayList<>();
        List<QueueSnapshot> changes = new CopyOnWriteArrayList<>();
        Events events = new Events();
        PlayQueue saved = new PlayQueue();
        saved.playNow(List.of(QueueItem.of("first", "First", "Tester", 20_000),
                QueueItem.of("second", "Second", "Tester", 20_000)), 1);
        try (Player player = new Player(() -> VlcEngine.headless(Duration.ofSeconds(5)), new PlayQueue(), item -> {
            URI uri = (item.trackId().equals("first") ? first : second).toUri();
            asked.add(uri);
            return Playable.of(uri);
        }, Clock.systemUTC(), play -> { }, new FilePlayerSettings(dir.resolve("p.properties")))) {
            player.addListener(events);
            player.addQueueListener(changes::add);
            player.restore(saved.state(), 6_000);
            await(() -> changes.size() == 2, 5);
            // Restoring is one task on the player's thread; once it has run, a track it started would have been asked.
            drain(player);
            assertThat(asked).as("nothing plays until asked").isEmpty();
            assertThat(changes.getLast().current().orElseThrow().trackId()).isEqualTo("second");

            player.resume();
            await(() -> events.lastPositionMs > 0, 15);
            assertThat(asked.getFirst()).isEqualTo(second.toUri());
            assertThat(events.lastPositionMs).as("starts where it was").isGreaterThanOrEqualTo(5_500);
        }
    }

    static void await(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Returns once the player's thread has done everything asked of it before: a queue listener hears the queue
     * on that thread, in order, and changes nothing.
     */
    static void drain(Player player) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        QueueListener marker = snapshot -> reached.countDown();
        player.addQueueListener(marker);
        assertThat(reached.await(10, TimeUnit.SECONDS)).as("the player's thread is free within 10 s").isTrue();
        player.removeQueueListener(marker);
    }

    /** What the player reported. */
    static final class Events implements PlayerListener {
        final List<PlaybackState> states = new CopyOnWriteArrayList<>();
        final List<URI> advanced = new CopyOnWriteArrayList<>();
        final List<PlaybackError> errors = new CopyOnWriteArrayList<>();
        volatile long lastPositionMs = -1;
        volatile String current;

        @Override
        public void onState(PlaybackState state) {
            states.add(state);
        }

        @Override
        public void onPosition(long positionMs, long durationMs) {
            lastPositionMs = positionMs;
        }

        @Override
        public void onAdvanced(URI source) {
            advanced.add(source);
        }

        @Override
        public void onError(PlaybackError error) {
            errors.add(error);
        }
    }
}
