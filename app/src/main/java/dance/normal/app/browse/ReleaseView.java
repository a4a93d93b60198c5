package dance.normal.app.browse;

import static dance.normal.app.ui.Pages.muted;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.ArtworkView;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Pages;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** A release's page: artwork, title, artist (a link), year and length, Play and Download, its tracks. */
final class ReleaseView {

    /** What the page asks of its controller. */
    interface Actions {
        void onOpenArtist(String artistId);

        void onDownload();

        void onPlay(List<Track> tracks, int index);

        void onChoose(Track track);
    }

    final StackPane root = new StackPane();
    private final I18n i18n;
    private final Artwork artwork;
    private final ReleaseModel model;
    private final Actions actions;

    ReleaseView(ReleaseModel model, I18n i18n, Artwork artwork, Actions actions) {
        this.model = model;
        this.i18n = i18n;
        this.artwork = artwork;
        this.actions = actions;
        model.page.addListener((obs, old, page) -> show(page));
    }

    /** The page is built when the release has been read (until then nothing of the last one shows). */
    private void show(ReleaseModel.Page p) {
        if (p == null) {
            root.getChildren().clear();
            return;
        }
        VBox page = Pages.page("release");
        root.getChildren().setAll(Pages.scrolling(page));
        if (p.failed()) {
            return;
        }
        if (p.release() == null) {
            page.getChildren().add(muted(i18n.get("track.gone")));
            return;
        }
        Release r = p.release();
        ArtworkView art = new ArtworkView(180);
        artwork.into(art, r.artworkUrl());
        Hyperlink artist = new Hyperlink(r.artistName());
        artist.setId("release-artist");
        artist.setOnAction(e -> actions.onOpenArtist(r.artistId()));
        Label heading = Pages.title(r.title());
        heading.setId("release-title");
        String length = i18n.get("release.facts", p.tracks().size(),
                TrackCell.clock(p.tracks().stream().mapToLong(t -> t.track().durationMs()).sum()));
        Label facts = muted(r.year() == null ? length : r.year() + " \u00b7 " + length);
        Button play = new Button(i18n.get("release.play"), new FontIcon(Material2MZ.PLAY_ARROW));
        play.getStyleClass().add(Styles.ACCENT);
        play.setId("release-play");
        play.setOnAction(e -> TrackRow.play(p.tracks(), 0, actions::onPlay));
        Button download = new Button(null, new FontIcon(Material2MZ.SAVE_ALT));
        download.textProperty().bind(model.download);
        download.setId("release-download");
        download.setOnAction(e -> actions.onDownload());
        VBox words = new VBox(6, muted(i18n.get("release.kind")), heading, artist, facts, new HBox(8, play,
                download));
        words.setAlignment(Pos.BOTTOM_LEFT);
        HBox header = new HBox(20, art, words);
        ListView<TrackRow> tracks = Pages.trackList("release-tracks", r.title(), Math.max(1, p.tracks().size()),
                FXCollections.observableArrayList(p.tracks()), i18n, artwork, actions::onPlay, actions::onChoose);
        page.getChildren().addAll(header, tracks);
    }
}
