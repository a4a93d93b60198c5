package dance.normal.app.browse;

import atlantafx.base.theme.Styles;
import dance.normal.app.session.CatalogService;
import dance.normal.app.session.DownloadService;
import dance.normal.app.session.LibraryService;
import dance.normal.app.session.Seen;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.ArtworkView;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Home (new releases, popular, recently played), a release, an artist: browsing the catalog from the local mirror
 * (so it works offline; "popular" comes from the server, and offline it is what the server said last time).
 * Pages stack; Back (or Alt+Left) returns.
 */
public final class BrowseController {

    private static final int TILE = 140;
    private final BorderPane root = new BorderPane();
    private final Button back = new Button();
    private final Deque<Runnable> history = new ArrayDeque<>();
    private final CatalogService catalog;
    private final LibraryService library;
    private final DownloadService downloads;
    private final Background background;
    private final I18n i18n;
    private final BiConsumer<List<Track>, Integer> onPlay;
    private final Consumer<Track> onChoose;
    private final Artwork artwork;
    /** The page being read: a page opened later wins over a slower one opened before it. */
    private final Latest pages;
    private Runnable current;

    /**
     * @param onPlay   plays tracks from an index (the shell's player)
     * @param onChoose shows a chosen track's panel
     */
    public BrowseController(CatalogService catalog, LibraryService library, DownloadService downloads,
                            Background background, I18n i18n,
                            BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose) {
        this.catalog = catalog;
        this.library = library;
        this.downloads = downloads;
        this.background = background;
        this.i18n = i18n;
        this.onPlay = onPlay;
        this.onChoose = onChoose;
        this.artwork = new Artwork(background, catalog::artwork);
        this.pages = new Latest(background);
        back.setGraphic(new FontIcon(Material2AL.ARROW_BACK));
        back.setText(i18n.get("browse.back"));
        back.getStyleClass().add(Styles.FLAT);
        back.setId("back");
        back.setOnAction(e -> back());
        root.setId("browse");
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && e.getCode() == KeyCode.LEFT) {
                back();
                e.consume();
            }
        });
    }

    public Parent view() {
        return root;
    }

    /** Shows Home, forgetting the pages on the stack. */
    public void home() {
        history.clear();
        go(this::showHome, false);
    }

    public void openRelease(String releaseId) {
        go(() -> showRelease(releaseId), true);
    }

    public void openArtist(String artistId) {
        go(() -> showArtist(artistId), true);
    }

    private void go(Runnable page, boolean remember) {
        if (remember && current != null) {
            history.push(current);
        }
        current = page;
        page.run();
    }

    private void back() {
        if (!history.isEmpty()) {
            current = history.pop();
            current.run();
        }
    }

    private record Home(List<Release> releases, List<TrackRow> recent) {
    }

    private void showHome() {
        VBox page = page("home");
        Label title = title(i18n.get("nav.home"));
        FlowPane releases = new FlowPane(16, 16);
        releases.setId("new-releases");
        ListView<TrackRow> popular = trackList("popular", i18n.get("home.popular"), 6);
        Label popularNote = muted("");
        ListView<TrackRow> recent = trackList("recent", i18n.get("home.recent"), 6);
        Label nothingYet = muted(i18n.get("home.nothingYet"));
        nothingYet.visibleProperty().bind(recent.visibleProperty().not());
        nothingYet.managedProperty().bind(nothingYet.visibleProperty());
        page.getChildren().addAll(title, section(i18n.get("home.newReleases")), releases,
                section(i18n.get("home.popular")), popularNote, popular,
                section(i18n.get("home.recent")), nothingYet, recent);
        show(page, false);
        pages.run(() -> new Home(catalog.newReleases(12), TrackRow.of(catalog, library.recentlyPlayed(),
                i18n)), home -> {
            home.releases().forEach(r -> releases.getChildren().add(tile(r)));
            recent.getItems().setAll(home.recent());
        }, error -> popularNote.setText(i18n.sentence(error)));
        pages.alsoRun(() -> {
            Seen<List<Track>> seen = catalog.popular(10);
            return new Seen<>(TrackRow.of(catalog, seen.value(), i18n), seen.asOf(), seen.offline());
        }, seen -> {
            popular.getItems().setAll(seen.value());
            popularNote.setText(seen.offline() ? i18n.get("home.popularAsOf", i18n.when(seen.asOf()))
                    : seen.value().isEmpty() ? i18n.get("home.popularEmpty") : "");
        }, error -> popularNote.setText(i18n.get("home.popularOffline")));
    }

    private record ReleasePage(Release release, List<TrackRow> tracks) {
    }

    private void showRelease(String releaseId) {
        pages.run(() -> new ReleasePage(catalog.release(releaseId).orElse(null),
                TrackRow.of(catalog, catalog.tracksOfRelease(releaseId), i18n)), p -> {
            VBox page = page("release");
            if (p.release() == null) {
                page.getChildren().add(muted(i18n.get("track.gone")));
                show(page, true);
                return;
            }
            Release r = p.release();
            ArtworkView art = new ArtworkView(180);
            artwork.into(art, r.artworkUrl());
            Hyperlink artist = new Hyperlink(r.artistName());
            artist.setId("release-artist");
            artist.setOnAction(e -> openArtist(r.artistId()));
            Label heading = title(r.title());
            heading.setId("release-title");
            String length = i18n.get("release.facts", p.tracks().size(),
                    TrackCell.clock(p.tracks().stream().mapToLong(t -> t.track().durationMs()).sum()));
            Label facts = muted(r.year() == null ? length : r.year() + " \u00b7 " + length);
            Button play = new Button(i18n.get("release.play"), new FontIcon(Material2MZ.PLAY_ARROW));
            play.getStyleClass().add(Styles.ACCENT);
            play.setId("release-play");
            play.setOnAction(e -> TrackRow.play(p.tracks(), 0, onPlay));
            Button download = new Button(i18n.get("release.download"), new FontIcon(Material2MZ.SAVE_ALT));
            download.setId("release-download");
            download.setOnAction(e -> background.run(() -> {
                downloads.downloadRelease(releaseId, true);
                return null;
            }, ok -> download.setText(i18n.get("download.queued")), error -> download.setText(i18n.sentence(error))));
            VBox words = new VBox(6, muted(i18n.get("release.kind")), heading, artist, facts, new HBox(8, play,
                    download));
            words.setAlignment(Pos.BOTTOM_LEFT);
            HBox header = new HBox(20, art, words);
            ListView<TrackRow> tracks = trackList("release-tracks", r.title(), Math.max(1, p.tracks().size()));
            tracks.getItems().setAll(p.tracks());
            page.getChildren().addAll(header, tracks);
            show(page, true);
        }, error -> show(page("release"), true));
    }

    private record ArtistPage(Artist artist, List<Release> releases, List<TrackRow> tracks) {
    }

    private void showArtist(String artistId) {
        pages.run(() -> new ArtistPage(catalog.artist(artistId).orElse(null),
                catalog.releasesOfArtist(artistId), TrackRow.of(catalog, catalog.tracksOfArtist(artistId), i18n)),
                p -> {
                    VBox page = page("artist");
                    if (p.artist() == null) {
                        page.getChildren().add(muted(i18n.get("track.gone")));
                        show(page, true);
                        return;
                    }
                    Label heading = title(p.artist().name());
                    heading.setId("artist-name");
                    Label bio = muted(Objects.requireNonNullElse(p.artist().bio(), ""));
                    bio.setWrapText(true);
                    FlowPane releases = new FlowPane(16, 16);
                    p.releases().forEach(r -> releases.getChildren().add(tile(r)));
                    ListView<TrackRow> tracks = trackList("artist-tracks", p.artist().name(), 10);
                    tracks.getItems().setAll(p.tracks());
                    page.getChildren().addAll(muted(i18n.get("artist.kind")), heading, bio,
                            section(i18n.get("artist.releases")), releases, section(i18n.get("artist.tracks")),
                            tracks);
                    show(page, true);
                }, error -> show(page("artist"), true));
    }

    /** A release as a square of artwork over its title and artist; pressing it opens the release. */
    private Button tile(Release r) {
        ArtworkView art = new ArtworkView(TILE);
        artwork.into(art, r.artworkUrl());
        Label name = new Label(r.title());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setMaxWidth(TILE);
        Label by = muted(r.artistName());
        by.setMaxWidth(TILE);
        Button tile = new Button(null, new VBox(6, art, name, by));
        tile.getStyleClass().add(Styles.FLAT);
        tile.setAccessibleText(r.title() + ", " + r.artistName());
        tile.setOnAction(e -> openRelease(r.id()));
        tile.getProperties().put("release", r.id());
        return tile;
    }

    /** A list as tall as its tracks, up to {@code rows} of them (then it scrolls). */
    private ListView<TrackRow> trackList(String id, String name, int rows) {
        ListView<TrackRow> list = TrackCell.list(i18n, artwork, onPlay, onChoose);
        list.setId(id);
        list.setAccessibleText(name);
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.clamp(list.getItems().size(), 1, rows) * TrackCell.HEIGHT + 4, list.getItems()));
        list.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        list.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(list.getItems()));
        list.managedProperty().bind(list.visibleProperty());
        return list;
    }

    private VBox page(String id) {
        VBox page = new VBox(12);
        page.setPadding(new Insets(16));
        page.setId(id);
        return page;
    }

    private void show(VBox page, boolean withBack) {
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        Node top = withBack && !history.isEmpty() ? back : null;
        root.setTop(top);
        if (top != null) {
            BorderPane.setMargin(back, new Insets(8, 16, 0, 8));
        }
        root.setCenter(scroll);
        VBox.setVgrow(page, Priority.ALWAYS);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_2);
        l.setWrapText(true);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        l.setPadding(new Insets(8, 0, 0, 0));
        return l;
    }

    /** Muted words; while empty they take no room. */
    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }
}
