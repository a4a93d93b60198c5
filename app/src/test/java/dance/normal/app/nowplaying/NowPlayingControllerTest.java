package dance.normal.app.nowplaying;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeSession;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.player.PlaybackError;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.RepeatMode;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Now Playing bar over a real player whose engine plays nothing: no libVLC, no server. */
class NowPlayingControllerTest {

    private final FakeSession session = new FakeSession();
    private final Background background = new Background();
    private NowPlayingController bar;

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        bar = Fx.call(() -> new NowPlayingController(session.player(), new FxEvents(), ENGLISH, background,
                (trackId, size) -> Optional.empty()));
        Fx.show(bar.view());
    }

    @AfterEach
    void tearDown() {
        Fx.run(bar::close);
        session.close();
        background.close();
    }

    @Test
    void playingShowsTheTrackWithPauseAndThePositionAsItMoves() throws Exception {
        assertThat(Fx.call(() -> bar.view().isDisabled())).as("nothing to control yet").isTrue();
        Fx.run(() -> bar.play(List.of(QueueItem.of("t1", "River Song", "Ana", 180_000),
                QueueItem.of("t2", "Mountain", "Ben", 200_000)), 0));

        Fx.await("the track", () -> text("now-title").equals("River Song"));
        Fx.await("playing", () -> "Pause".equals(playPause().getAccessibleText()));
        assertThat(Fx.call(() -> bar.view().isDisabled())).isFalse();
        assertThat(session.engine.played).containsExactly(java.net.URI.create("fake:t1"));

        session.engine.position(42_000, 180_000); // libVLC's thread
        Fx.await("the position", () -> text("now-position").equals("0:42"));

        Fx.run(() -> Fx.<Button>find(bar.view(), "next").fire());
        Fx.await("the next track", () -> text("now-title").equals("Mountain"));
        assertThat(Fx.call(() -> text("now-position"))).isEqualTo("0:00");
    }

    @Test
    void spacePausesAndPlaysAgain() throws Exception {
        Fx.run(() -> bar.play(List.of(QueueItem.of("t1", "River Song", "Ana", 180_000)), 0));
        Fx.await("playing", () -> "Pause".equals(playPause().getAccessibleText()));

        Fx.run(bar::togglePlayPause);
        Fx.await("paused", () -> "Play".equals(playPause().getAccessibleText()));
        Fx.run(bar::togglePlayPause);
        Fx.await("playing again", () -> "Pause".equals(playPause().getAccessibleText()));
    }

    @Test
    void aTrackThatCannotPlaySaysWhyInPlaceOfTheArtist() throws Exception {
        Fx.run(() -> bar.play(List.of(QueueItem.of("t1", "River Song", "Ana", 180_000)), 0));
        Fx.await("playing", () -> "Pause".equals(playPause().getAccessibleText()));

        session.engine.error(new PlaybackError(PlaybackError.Kind.NOT_FOUND, "The file is gone."));

        Fx.await("the sentence", () -> bar.view().lookupAll(".label").stream()
                .anyMatch(n -> n instanceof Label l && "The file is gone.".equals(l.getText())));
        Fx.await("not playing", () -> "Play".equals(playPause().getAccessibleText()));
    }

    @Test
    void lettingTheSeekSliderGoMovesThePlayerAndThePositionShownFollows() throws Exception {
        Fx.run(() -> bar.play(List.of(QueueItem.of("t1", "River Song", "Ana", 180_000)), 0));
        Fx.await("playing", () -> bar.model().playing.get());

        Fx.run(() -> bar.actions().onSeeking()); // the listener takes hold of the slider
        assertThat(Fx.call(() -> bar.model().seeking.get())).isTrue();
        session.engine.position(5_000, 180_000); // the player goes on meanwhile
        Fx.await("the position", () -> bar.model().positionMs.get() == 5_000);
        assertThat(Fx.call(() -> Fx.<Slider>find(bar.view(), "seek").getValue())).as("the slider stays in hand")
                .isZero();

        Fx.run(() -> bar.actions().onSeek(90_000)); // let go at 1:30
        Fx.await("the position shown", () -> bar.model().positionMs.get() == 90_000);
        assertThat(Fx.call(() -> bar.model().seeking.get())).isFalse();
        assertThat(Fx.call(() -> text("now-position"))).isEqualTo("1:30");
        assertThat(Fx.call(() -> Fx.<Slider>find(bar.view(), "seek").getValue())).isEqualTo(90_000.0);
    }

    @Test
    void shuffleAndRepeatGoToTheQueueAndTheButtonsShowWhatTheQueueHas() throws Exception {
        List<Boolean> shuffles = new CopyOnWriteArrayList<>();
        List<RepeatMode> repeats = new CopyOnWriteArrayList<>();
        QueueListener queue = snapshot -> {
            shuffles.add(snapshot.shuffle());
            repeats.add(snapshot.repeat());
        };
        session.player().addQueueListener(queue);
        Fx.run(() -> bar.play(List.of(QueueItem.of("t1", "River Song", "Ana", 180_000),
                QueueItem.of("t2", "Mountain", "Ben", 200_000)), 0));
        Fx.await("the track", () -> text("now-title").equals("River Song"));

        Fx.run(() -> Fx.<ToggleButton>find(bar.view(), "shuffle").fire());
        Fx.await("the queue shuffles", () -> shuffles.contains(true));
        assertThat(Fx.call(() -> bar.model().shuffle.get())).isTrue();
        Fx.run(() -> Fx.<Button>find(bar.view(), "repeat").fire());
        Fx.await("the queue repeats", () -> repeats.contains(RepeatMode.OFF.cycle()));
        assertThat(Fx.call(() -> bar.model().repeat.get())).isEqualTo(RepeatMode.OFF.cycle());

        session.player().withQueue(q -> q.setShuffle(false)); // changed elsewhere (the queue's own screen)
        Fx.await("the button follows", () -> !Fx.<ToggleButton>find(bar.view(), "shuffle").isSelected());
        assertThat(Fx.call(() -> bar.model().shuffle.get())).isFalse();
        session.player().removeQueueListener(queue);
    }

    private Button playPause() {
        return Fx.find(bar.view(), "play-pause");
    }

    private String text(String id) {
        return Fx.<Label>find(bar.view(), id).getText();
    }
}
