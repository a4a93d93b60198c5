package dance.normal.app.search;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeCatalogService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.TrackSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search against a catalog in memory: no server, no libVLC. */
class SearchControllerTest {

    private final FakeCatalogService catalog = new FakeCatalogService();
    private final Background background = new Background();
    private final List<String> played = new CopyOnWriteArrayList<>();
    private final List<Track> chosen = new CopyOnWriteArrayList<>();
    private SearchController search;

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        catalog.tracks.addAll(List.of(FakeCatalogService.track("t1", "River Song", "Ana"),
                FakeCatalogService.track("t2", "Riverbed", "Ben"),
                FakeCatalogService.track("t3", "Mountain", "Ana")));
        search = Fx.call(() -> new SearchController(catalog, background, ENGLISH,
                (tracks, index) -> played.add(tracks.get(index).id()), chosen::add));
        Fx.show(search.view());
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    @Test
    void openingBringsTheCatalogUpToDateAndTypingShowsTheMatchesWithACount() throws Exception {
        Fx.run(search::syncMirror);
        Fx.await("the catalog synced", () -> catalog.syncs.get() == 1 && status().isEmpty());

        type("river");

        Fx.await("two matches", () -> results().getItems().size() == 2);
        assertThat(Fx.call(() -> results().getItems().stream().map(r -> r.track().title()).toList()))
                .containsExactly("River Song", "Riverbed");
        assertThat(Fx.call(this::status)).isEqualTo("2 tracks");

        type("nothing like this");
        Fx.await("no match", () -> results().getItems().isEmpty());
        assertThat(Fx.call(this::status)).isEqualTo("No tracks match \u201cnothing like this\u201d.");
    }

    @Test
    void aTrackThatCannotPlayOfflineSaysWhyInsteadOfPlaying() throws Exception {
        catalog.online = false;
        catalog.availability.put("t1", new TrackSource.Status(TrackSource.Availability.PLAYABLE, null));
        type("river");
        Fx.await("two matches", () -> results().getItems().size() == 2);

        choose(1); // Riverbed: not downloaded, server away
        assertThat(Fx.call(this::status)).isEqualTo("Not downloaded, and the server cannot be reached.");
        assertThat(played).isEmpty();

        choose(0); // River Song: kept on this device
        assertThat(played).containsExactly("t1");
        assertThat(Fx.call(() -> results().getItems().getFirst())).extracting(TrackRow::downloaded).isEqualTo(true);
    }

    @Test
    void aFailedSearchIsOneSentence() throws Exception {
        catalog.searchFailure = new IllegalStateException("the mirror is locked");
        type("river");
        Fx.await("the error", () -> !status().isEmpty());
        assertThat(Fx.call(this::status)).isEqualTo("That did not work: the mirror is locked");
    }

    @Test
    void onlyTheLatestQueryIsShown() throws Exception {
        catalog.searching.close();
        type("river"); // held
        type("mountain"); // held too, answered last
        catalog.searching.open();
        Fx.await("the latest answer", () -> status().equals("1 track"));
        assertThat(Fx.call(() -> results().getItems().stream().map(r -> r.track().title()).toList()))
                .containsExactly("Mountain");
    }

    @Test
    void theSelectedResultIsShownOnceAndStaysSelectedWhenTheRowsAreReadAgain() throws Exception {
        type("river");
        Fx.await("two matches", () -> search.model().results.size() == 2);

        Fx.run(() -> results().getSelectionModel().select(1));
        assertThat(Fx.call(() -> search.model().selected.get().track().id())).isEqualTo("t2");
        assertThat(chosen).extracting(Track::id).containsExactly("t2");

        TrackRow before = Fx.call(() -> search.model().results.get(1));
        Fx.run(search::onActivate); // shown again: the rows are read again
        Fx.await("new rows", () -> search.model().results.size() == 2 && search.model().results.get(1) != before);
        assertThat(Fx.call(() -> search.model().selected.get().track().id())).isEqualTo("t2");
        assertThat(Fx.call(() -> results().getSelectionModel().getSelectedItem().track().id())).isEqualTo("t2");
        assertThat(chosen).as("the same track, not shown twice").extracting(Track::id).containsExactly("t2");

        Fx.run(() -> search.actions().onClicked()); // clicked again, say after the panel was closed
        assertThat(chosen).extracting(Track::id).containsExactly("t2", "t2");
    }

    @Test
    void focusingTheFieldPutsTheCursorThereWithWhatItHoldsSelected() throws Exception {
        type("river");
        int before = Fx.call(() -> search.model().focusRequests.get());
        Fx.run(search::focusField);
        assertThat(Fx.call(() -> search.model().focusRequests.get())).isEqualTo(before + 1);
        assertThat(Fx.call(() -> Fx.<TextField>find(search.view(), "search").getSelectedText())).isEqualTo("river");
    }

    private void type(String text) {
        Fx.run(() -> Fx.<TextField>find(search.view(), "search").setText(text));
    }

    private void choose(int index) {
        Fx.run(() -> {
            results().getSelectionModel().select(index);
            results().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false,
                    false));
        });
    }

    private ListView<TrackRow> results() {
        return Fx.find(search.view(), "results");
    }

    private String status() {
        return Fx.<Label>find(search.view(), "search-status").getText();
    }
}
