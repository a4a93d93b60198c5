package dance.normal.player.vlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.TrackGain;
import dance.normal.player.testing.TapRecorder;
import dance.normal.player.testing.Tones;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loudness gain, equalizer and volume, checked on the sound libVLC puts out. */
class AudioEffectsIT {

    @TempDir
    static Path dir;

    private static final TapRecorder TAP = new TapRecorder();
    private static VlcEngine engine;
    private static URI tone440;
    private static URI tone60;
    private static TapRecorder.Volume lastVolumeWhilePlaying;
    /** The position of the play under way: set back to 0 as a play starts loading. */
    private static volatile long position;
    /** How many plays have started loading. */
    private static volatile int plays;

    @BeforeAll
    static void start() throws Exception {
        tone440 = Tones.make("sine=frequency=440:duration=10", "flac", dir.resolve("440.flac")).toUri();
        tone60 = Tones.make("sine=frequency=60:duration=10", "flac", dir.resolve("60.flac")).toUri();
        engine = VlcEngine.tapped(Duration.ofSeconds(5), TAP);
        engine.addListener(new PlayerListener() {
            @Override
            public void onState(PlaybackState state) {
                if (state instanceof PlaybackState.Loading) {
                    // Events arrive in order: positions of the play before have all come in by now.
                    position = 0;
                    plays++;
                }
            }

            @Override
            public void onPosition(long positionMs, long durationMs) {
                position = positionMs;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
        engine.whenClosed().toCompletableFuture().get();
    }

    @BeforeEach
    void reset() {
        engine.setEqualizer(EqualizerSettings.OFF);
        engine.setVolume(100);
    }

    @Test
    void trackGainChangesTheLevelByItsDecibels() throws Exception {
        double plain = level(tone440, TrackGain.NONE);
        double quieter = level(tone440, new TrackGain(-6));
        double louder = level(tone440, new TrackGain(6));

        assertThat(quieter / plain).isCloseTo(Math.pow(10, -6 / 20.0), within(0.03));
        assertThat(louder / plain).isCloseTo(Math.pow(10, 6 / 20.0), within(0.1));
    }

    @Test
    void gainFromTheCatalogNeverPushesThePeakToFullScale() throws Exception {
        // ffmpeg's sine is at 1/8 of full scale: peak -18 dBFS, about -21 LUFS. Asked for -14 LUFS, the gain is
        // +7 dB; a track whose peak is already at -3 dBFS gets only +2 dB.
        TrackGain free = TrackGain.fromLoudness(-21.0, -18.06);
        TrackGain limited = TrackGain.fromLoudness(-21.0, -3.0);
        assertThat(free.db()).isCloseTo(7.0, within(0.01));
        assertThat(limited.db()).isCloseTo(2.0, within(0.01));

        double plain = level(tone440, TrackGain.NONE);
        double boosted = level(tone440, limited);
        assertThat(boosted / plain).isCloseTo(Math.pow(10, 2 / 20.0), within(0.05));
    }

    @Test
    void anEqualizerPresetShapesTheSound() throws Exception {
        EqualizerPreset treble = engine.equalizerPresets().stream()
                .filter(p -> p.name().equals("Full treble")).findFirst().orElseThrow();
        assertThat(engine.equalizerPresets()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(treble.bandsDb().getFirst()).isNegative();

        double flat60 = level(tone60, TrackGain.NONE);
        engine.setEqualizer(EqualizerSettings.OFF.withPreset(treble));
        double treble60 = level(tone60, TrackGain.NONE);
        engine.setEqualizer(EqualizerSettings.OFF.withPreset(treble).withEnabled(false));
        double off60 = level(tone60, TrackGain.NONE);

        assertThat(20 * Math.log10(treble60 / flat60)).as("60 Hz under Full treble, dB").isLessThan(-6);
        assertThat(off60 / flat60).as("switched off again").isCloseTo(1.0, within(0.03));
    }

    @Test
    void volumeAndMuteReachTheOutput() throws Exception {
        engine.setVolume(40);
        // With a gain the equalizer runs, and libVLC makes the audio output later: volume must still arrive.
        level(tone440, new TrackGain(-3));
        assertThat(lastVolumeWhilePlaying.volume()).as("%s", TAP.volumes()).isCloseTo(0.4f, within(0.01f));
        assertThat(lastVolumeWhilePlaying.muted()).isFalse();

        engine.setMuted(true);
        level(tone440, TrackGain.NONE);
        assertThat(lastVolumeWhilePlaying.muted()).as("%s", TAP.volumes()).isTrue();
        engine.setMuted(false);
    }

    /** Plays a file until half a second has been heard and 1.5 s decoded, and returns its mean level. */
    private static double level(URI source, TrackGain gain) throws InterruptedException {
        engine.stop();
        // libVLC's stop returns once its decoder has stopped: when the control thread has run the stop, no block of
        // the play before can reach the tap any more.
        CountDownLatch stopped = new CountDownLatch(1);
        engine.enqueueForTest(stopped::countDown);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the engine stopped").isTrue();
        TAP.clear();
        int playsBefore = plays;
        engine.play(source, gain);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (TAP.blocks().stream().mapToLong(TapRecorder.Block::frames).sum() < 66_150 || plays == playsBefore
                || position < 500) {
            assertThat(System.nanoTime()).as("audio within 15 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(TAP.volumes()).as("volumes set on the output").isNotEmpty();
        lastVolumeWhilePlaying = TAP.volumes().getLast();
        engine.stop();
        return TAP.meanRms(b -> true);
    }
}
