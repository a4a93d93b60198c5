package dance.normal.app.browse;

import static dance.normal.app.ui.Pages.muted;
import static dance.normal.app.ui.Pages.section;

import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Pages;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** An artist's page: name, bio, their releases as tiles, their tracks. */
final class ArtistView {

    final StackPane root = new StackPane();

    ArtistView(ArtistModel model, I18n i18n, Artwork artwork, Consumer<String> onOpenRelease,
               BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose) {
        model.page.addListener((obs, old, p) -> {
            if (p == null) {
                root.getChildren().clear();
                return;
            }
            VBox page = Pages.page("artist");
            root.getChildren().setAll(Pages.scrolling(page));
            if (p.failed()) {
                return;
            }
            if (p.artist() == null) {
                page.getChildren().add(muted(i18n.get("track.gone")));
                return;
            }
            Label heading = Pages.title(p.artist().name());
            heading.setId("artist-name");
            Label bio = muted(Objects.requireNonNullElse(p.artist().bio(), ""));
            bio.setWrapText(true);
            FlowPane releases = new FlowPane(16, 16);
            p.releases().forEach(r -> releases.getChildren().add(Pages.tile(r, artwork, onOpenRelease)));
            ListView<TrackRow> tracks = Pages.trackList("artist-tracks", p.artist().name(), 10,
                    FXCollections.observableArrayList(p.tracks()), i18n, artwork, onPlay, onChoose);
            page.getChildren().addAll(muted(i18n.get("artist.kind")), heading, bio,
                    section(i18n.get("artist.releases")), releases, section(i18n.get("artist.tracks")), tracks);
        });
    }
}
