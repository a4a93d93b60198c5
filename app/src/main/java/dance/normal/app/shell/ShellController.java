package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import dance.normal.app.AppPrefs;
import dance.normal.app.browse.BrowseController;
import dance.normal.app.downloads.DownloadsController;
import dance.normal.app.library.LibraryController;
import dance.normal.app.nowplaying.NowPlayingController;
import dance.normal.app.queue.QueueController;
import dance.normal.app.search.SearchController;
import dance.normal.app.session.SessionServices;
import dance.normal.app.settings.SettingsController;
import dance.normal.app.track.TrackPanelController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Browser;
import dance.normal.app.ui.I18n;
import dance.normal.app.wallet.WalletController;
import dance.normal.player.queue.QueueItem;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.SyncService;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The signed-in window: navigation and who is signed in on top, with a banner while the server cannot be reached;
 * the chosen screen (Home with releases and artists, Search with the chosen track's panel, Queue, Downloads, Wallet,
 * Settings); the Now Playing bar
 * always below. Keys: Ctrl+F (Cmd+F) searches; Space plays or pauses and the arrows seek by 5 s when no text field
 * has the keyboard.
 */
public final class ShellController {

    private static final long SEEK_STEP_MS = 5_000;
    private final BorderPane root = new BorderPane();
    private final SessionServices session;
    private final SearchController search;
    private final NowPlayingController nowPlaying;
    private final TrackPanelController trackPanel;
    private final QueueController queue;
    private final DownloadsController downloads;
    private final WalletController wallet;
    private final SettingsController settings;
    /** The screen, and beside it the chosen track's panel on the screens that list tracks. */
    private final BorderPane content = new BorderPane();
    private final HBox banner;
    private final Label bannerText = new Label();
    private final Consumer<SyncService.Status> syncListener = status -> Platform.runLater(() -> showStatus(status));
    private final DownloadListener downloadListener;
    private final I18n i18n;
    private final NavBar nav = new NavBar();
    private final ToggleButton toSettings;
    private final ToggleButton toHome;
    private final ToggleButton toLibrary;
    private final BrowseController browse;
    private final LibraryController library;
    private java.time.Instant shownSync;

    /**
     * @param onPrefs   the listener changed a setting (theme, language, budget)
     * @param pins      the certificates trusted on first use, for choosing a self-signed server
     * @param onServer  the listener chose another server (one that answered)
     * @param onSignOut the listener signed out
     * @param browser   opens Stripe's payment page for a top-up
     */
    public ShellController(SessionServices session, Background background, I18n i18n, AppPrefs prefs,
                           Consumer<AppPrefs> onPrefs, CertificatePins pins, Consumer<URI> onServer, Runnable onSignOut,
                           Browser browser) {
        this.session = session;
        this.i18n = i18n;
        this.nowPlaying = new NowPlayingController(session.player(), i18n, background,
                (trackId, size) -> session.catalog().track(trackId)
                        .flatMap(t -> session.catalog().artwork(t.artworkUrl(), size)));
        this.queue = new QueueController(session.player(), i18n);
        this.downloads = new DownloadsController(session.downloads(), session.catalog(), background, i18n);
        this.wallet = new WalletController(session.wallet(), background, i18n, browser);
        this.settings = new SettingsController(session.account(), session.wallet(), session.devices(),
                session.player(), background, i18n, prefs, onPrefs, pins, onServer, onSignOut);
        this.browse = new BrowseController(session.catalog(), session.library(), session.downloads(), background, i18n,
                this::play, this::choose);
        this.library = new LibraryController(session.library(), session.catalog(), background, i18n, this::play,
                this::choose);
        this.trackPanel = new TrackPanelController(session.library(), session.wallet(), session.downloads(), background,
                i18n, this::playOne, this::queueOne,
                new TrackPanelController.Links() {
                    @Override
                    public void openArtist(String artistId) {
                        nav.select(toHome);
                        browse.openArtist(artistId);
                    }

                    @Override
                    public void openRelease(String releaseId) {
                        nav.select(toHome);
                        browse.openRelease(releaseId);
                    }
                });
        this.search = new SearchController(session.catalog(), background, i18n, this::play, trackPanel::show);

        Label who = new Label(i18n.get("shell.signedIn", session.account().email()));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setId("signed-in");
        who.setMinWidth(0); // a long address gives way; the navigation never does
        toHome = nav.add(i18n.get("nav.home"), "nav-home", new FontIcon(Material2AL.HOME));
        ToggleButton toSearch = nav.add(i18n.get("nav.search"), "nav-search", new FontIcon(Material2MZ.SEARCH));
        toLibrary = nav.add(i18n.get("nav.library"), "nav-library",
                new FontIcon(Material2AL.LIBRARY_MUSIC));
        ToggleButton toQueue = nav.add(i18n.get("nav.queue"), "nav-queue", new FontIcon(Material2MZ.QUEUE_MUSIC));
        ToggleButton toDownloads = nav.add(i18n.get("nav.downloads"), "nav-downloads",
                new FontIcon(Material2MZ.OFFLINE_PIN));
        ToggleButton toWallet = nav.add(i18n.get("nav.wallet"), "nav-wallet",
                new FontIcon(Material2AL.ACCOUNT_BALANCE_WALLET));
        toSettings = nav.add(i18n.get("nav.settings"), "nav-settings",
                new FontIcon(Material2MZ.SETTINGS));
        nav.selectedProperty().addListener((obs, old, selected) -> {
            if (old == toSettings) {
                settings.onLeave();
            }
            if (selected == toWallet) {
                show(wallet.view(), false);
                wallet.onActivate();
            } else if (selected == toLibrary) {
                show(library.view(), true);
                library.onActivate();
            } else if (selected == toQueue) {
                show(queue.view(), false);
            } else if (selected == toDownloads) {
                show(downloads.view(), false);
                downloads.onActivate();
            } else if (selected == toSettings) {
                show(settings.view(), false);
                settings.onActivate();
            } else if (selected == toHome) {
                show(browse.view(), true);
                if (old != null) {
                    browse.home(); // links open a page themselves; the tab itself goes home
                }
            } else {
                show(search.view(), true);
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, toHome, toSearch, toLibrary, toQueue, toDownloads, toWallet, toSettings, gap, who);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 16, 10, 16));

        Button retry = new Button(i18n.get("offline.retry"));
        retry.setId("retry");
        retry.setOnAction(e -> session.sync().syncNow());
        FontIcon cloud = new FontIcon(Material2AL.CLOUD_OFF);
        bannerText.setWrapText(true);
        bannerText.setId("offline-text");
        banner = new HBox(10, cloud, bannerText, retry);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(8, 16, 8, 16));
        banner.getStyleClass().add(Styles.BG_WARNING_MUTED);
        banner.setId("offline-banner");
        banner.setVisible(false);
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setAccessibleText(i18n.get("offline.title"));

        root.setTop(new VBox(top, banner));
        nav.select(toHome);
        browse.home();
        if ("library".equals(System.getProperty("nd.startScreen"))) { // a kiosk, or the start-up benchmark
            nav.select(toLibrary);
        }
        root.setCenter(content);
        root.setBottom(nowPlaying.view());
        root.setId("shell");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
                nav.select(toSearch);
                search.focusField();
                e.consume();
            } else if (!e.isShortcutDown() && !(e.getTarget() instanceof TextInputControl
                    || e.getTarget() instanceof Spinner || e.getTarget() instanceof ComboBoxBase)) {
                // Space presses a focused button and arrows move a focused slider; elsewhere they are the player's.
                switch (e.getCode()) {
                    case SPACE -> {
                        if (!(e.getTarget() instanceof ButtonBase)) {
                            nowPlaying.togglePlayPause();
                            e.consume();
                        }
                    }
                    case LEFT, RIGHT -> {
                        if (!(e.getTarget() instanceof Slider)) {
                            nowPlaying.seekBy(e.getCode() == KeyCode.LEFT ? -SEEK_STEP_MS : SEEK_STEP_MS);
                        }
                    }
                    default -> {
                        // other keys go where they were going
                    }
                }
            }
        });
        session.sync().addListener(syncListener);
        this.downloadListener = new DownloadListener() {
            @Override
            public void onChanged(Download download) {
                if (download.state() == Download.State.DONE) {
                    Platform.runLater(() -> { // now it plays offline: the rows say so
                        search.refresh();
                        library.downloadsChanged();
                    });
                }
            }
        };
        session.downloads().addListener(downloadListener);
        showStatus(session.sync().status());
    }

    /** A track chosen in a list: its panel, beside the list. */
    private void choose(Track track) {
        trackPanel.show(track);
    }

    private void show(Node screen, boolean withTrackPanel) {
        content.setRight(null); // then the screen comes first in Tab order and for screen readers, the panel after
        content.setCenter(screen);
        content.setRight(withTrackPanel ? trackPanel.view() : null);
    }

    private void showStatus(SyncService.Status status) {
        if (shownSync == null && status.lastSync() != null) {
            // The first sync of this window brought what changed elsewhere (a new listener's whole catalog, likes
            // and playlists from other devices): the screens that show it read again.
            if (toHome.isSelected()) {
                browse.home();
            } else if (toLibrary.isSelected()) {
                library.onActivate();
            }
        }
        shownSync = status.lastSync();
        boolean offline = !status.online() && status.lastError() != null;
        boolean changed = banner.isVisible() != offline;
        banner.setVisible(offline);
        bannerText.setText(status.waiting() > 0 ? i18n.get("offline.waiting", status.waiting())
                : i18n.get("offline.title"));
        if (changed) {
            search.refresh(); // what can play changed with it
            trackPanel.refresh();
        }
    }

    private void play(List<Track> tracks, int index) {
        nowPlaying.play(tracks.stream().map(t -> QueueItem.of(t.id(), t.title(), t.artistName(), t.durationMs()))
                .toList(), index);
    }

    private void playOne(Track track) {
        play(List.of(track), 0);
    }

    private void queueOne(Track track) {
        QueueItem item = QueueItem.of(track.id(), track.title(), track.artistName(), track.durationMs());
        session.player().withQueue(q -> q.addToQueue(List.of(item)));
    }

    public Parent view() {
        return root;
    }

    /** Shows Settings (after the window was rebuilt in another language from there). */
    public void openSettings() {
        nav.select(toSettings);
    }

    public void onActivate() {
        search.onActivate();
    }

    /** Stops listening to the session (the window is rebuilt in another language, or the listener signed out). */
    public void close() {
        session.sync().removeListener(syncListener);
        session.downloads().removeListener(downloadListener);
        nowPlaying.close();
        queue.close();
        downloads.close();
        trackPanel.close();
    }
}
