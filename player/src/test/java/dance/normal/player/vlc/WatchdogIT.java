package dance.normal.player.vlc;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.co.caprica.vlcj.factory.discovery.NativeDiscovery;

/** A libVLC call that never returns is reported, and nobody else waits for it. */
class WatchdogIT {

    @Test
    void aHungControlThreadIsReportedAsStalledAndCallsStillReturn() throws Exception {
        VlcEngine engine = new VlcEngine(new NativeDiscovery(), VlcEngine.HEADLESS_OPTIONS, Duration.ofSeconds(5),
                Duration.ofSeconds(1), null);
        List<PlaybackError> errors = new CopyOnWriteArrayList<>();
        List<PlaybackState> states = new CopyOnWriteArrayList<>();
        CountDownLatch stalled = new CountDownLatch(1);
        engine.addListener(new PlayerListener() {
            @Override
            public void onState(PlaybackState state) {
                states.add(state);
            }

            @Override
            public void onError(PlaybackError error) {
                errors.add(error);
                stalled.countDown();
            }
        });
        CountDownLatch release = new CountDownLatch(1);
        try {
            // The fault libVLC cannot be made to produce on demand: a call into it that does not come back.
            engine.enqueueForTest(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            engine.play(URI.create("http://127.0.0.1:9/never"));
            engine.setVolume(50);
            engine.seek(1_000);

            assertThat(stalled.await(10, TimeUnit.SECONDS)).as("stall reported").isTrue();
            assertThat(release.getCount()).as("reported while still hung").isEqualTo(1);
            assertThat(errors).extracting(PlaybackError::kind).containsExactly(PlaybackError.Kind.ENGINE_STALLED);
            assertThat(states.getLast()).isInstanceOf(PlaybackState.Failed.class);
        } finally {
            release.countDown();
            engine.close();
        }
        assertThat(engine.whenClosed().toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
    }
}
