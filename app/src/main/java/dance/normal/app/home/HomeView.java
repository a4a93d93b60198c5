package dance.normal.app.home;

import static dance.normal.app.ui.Pages.muted;
import static dance.normal.app.ui.Pages.section;

import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Pages;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Home: new releases as tiles, popular tracks with a note, recently played (or a word that nothing was yet). */
final class HomeView {

    final ScrollPane root;

    HomeView(HomeModel model, I18n i18n, Artwork artwork, Consumer<String> onOpenRelease,
             BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose) {
        VBox page = Pages.page("home");
        FlowPane releases = new FlowPane(16, 16);
        releases.setId("new-releases");
        model.releases.addListener((ListChangeListener<Release>) change -> releases.getChildren().setAll(
                model.releases.stream().map(r -> Pages.tile(r, artwork, onOpenRelease)).toList()));
        ListView<TrackRow> popular = Pages.trackList("popular", i18n.get("home.popular"), 6, model.popular, i18n,
                artwork, onPlay, onChoose);
        Label popularNote = muted("");
        popularNote.textProperty().bind(model.popularNote);
        ListView<TrackRow> recent = Pages.trackList("recent", i18n.get("home.recent"), 6, model.recent, i18n,
                artwork, onPlay, onChoose);
        Label nothingYet = muted(i18n.get("home.nothingYet"));
        nothingYet.visibleProperty().bind(recent.visibleProperty().not());
        nothingYet.managedProperty().bind(nothingYet.visibleProperty());
        page.getChildren().addAll(Pages.title(i18n.get("nav.home")), section(i18n.get("home.newReleases")), releases,
                section(i18n.get("home.popular")), popularNote, popular,
                section(i18n.get("home.recent")), nothingYet, recent);
        root = Pages.scrolling(page);
    }
}
