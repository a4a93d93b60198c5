package dance.normal.app.shell;

import dance.normal.app.AppPrefs;
import dance.normal.app.browse.ArtistController;
import dance.normal.app.browse.ReleaseController;
import dance.normal.app.downloads.DownloadsController;
import dance.normal.app.home.HomeController;
import dance.normal.app.library.LibraryController;
import dance.normal.app.nav.NavTarget;
import dance.normal.app.nav.Navigation;
import dance.normal.app.nav.Place;
import dance.normal.app.nav.Screen;
import dance.normal.app.nowplaying.NowPlayingController;
import dance.normal.app.queue.QueueController;
import dance.normal.app.search.SearchController;
import dance.normal.app.session.SessionServices;
import dance.normal.app.settings.SettingsController;
import dance.normal.app.studio.earnings.EarningsController;
import dance.normal.app.studio.offering.OfferingController;
import dance.normal.app.studio.releases.ReleasesController;
import dance.normal.app.studio.report.ReportController;
import dance.normal.app.studio.tracks.StudioTracksController;
import dance.normal.app.track.TrackPanelController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Browser;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Subscriptions;
import dance.normal.app.wallet.WalletController;
import dance.normal.player.queue.QueueItem;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.SyncService;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * The signed-in window ({@link ShellView}): puts the screens together and follows {@link Navigation}, mapping each
 * {@link NavTarget} to its {@link Screen}: the screen left is deactivated, the one shown is activated. It follows
 * the sync status (the offline banner; the first sync of the window makes Home or Library read again) and finished
 * downloads (rows that now play offline), through the event bridge, until the window closes.
 */
public final class ShellController {

    private static final long SEEK_STEP_MS = 5_000;
    /** The screens that list tracks: the chosen track's panel stands beside them. */
    private static final Set<NavTarget> WITH_TRACK_PANEL = EnumSet.of(NavTarget.HOME, NavTarget.SEARCH,
            NavTarget.LIBRARY);
    private final ShellModel model = new ShellModel();
    private final ShellView view;
    private final ShellView.Actions actions;
    private final SessionServices session;
    private final I18n i18n;
    private final Navigation navigation = new Navigation();
    private final Map<NavTarget, Screen> screens = new EnumMap<>(NavTarget.class);
    private final Subscriptions subscriptions = new Subscriptions();
    private final SearchController search;
    private final LibraryController library;
    private final NowPlayingController nowPlaying;
    private final TrackPanelController trackPanel;
    private Instant shownSync;
    /** The Studio's screen seen last: the bar's Studio button opens it again. */
    private NavTarget studioSeen;

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
        FxEvents events = new FxEvents(background.fxThread());
        this.nowPlaying = new NowPlayingController(session.player(), events, i18n, background,
                (trackId, size) -> session.catalog().track(trackId)
                        .flatMap(t -> session.catalog().artwork(t.artworkUrl(), size)));
        this.trackPanel = new TrackPanelController(session.library(), session.wallet(), session.downloads(), events,
                background, i18n, this::playOne, this::queueOne,
                new TrackPanelController.Links() {
                    @Override
                    public void openArtist(String artistId) {
                        navigation.go(Place.artist(artistId));
                    }

                    @Override
                    public void openRelease(String releaseId) {
                        navigation.go(Place.release(releaseId));
                    }
                });
        this.search = new SearchController(session.catalog(), background, i18n, this::play, trackPanel::show);
        this.library = new LibraryController(session.library(), session.catalog(), background, i18n, this::play,
                trackPanel::show);
        screens.put(NavTarget.HOME, new HomeController(session.catalog(), session.library(), background, i18n,
                this::play, trackPanel::show, navigation::go));
        screens.put(NavTarget.RELEASE, new ReleaseController(session.catalog(), session.downloads(), background, i18n,
                this::play, trackPanel::show, navigation::go));
        screens.put(NavTarget.ARTIST, new ArtistController(session.catalog(), background, i18n, this::play,
                trackPanel::show, navigation::go));
        screens.put(NavTarget.SEARCH, search);
        screens.put(NavTarget.LIBRARY, library);
        screens.put(NavTarget.QUEUE, new QueueController(session.player(), events, i18n));
        screens.put(NavTarget.DOWNLOADS, new DownloadsController(session.downloads(), session.catalog(), events,
                background, i18n));
        screens.put(NavTarget.STUDIO_TRACKS, new StudioTracksController(session.studioCatalog(), background, i18n,
                trackId -> navigation.go(Place.report(trackId)),
                trackId -> navigation.go(Place.offering(trackId))));
        screens.put(NavTarget.STUDIO_REPORT, new ReportController(session.studioCatalog(), session.player(), events,
                background, i18n));
        screens.put(NavTarget.STUDIO_RELEASES, new ReleasesController(session.studioCatalog(), background, i18n,
                session.catalog()::artwork));
        screens.put(NavTarget.WALLET, new WalletController(session.wallet(), background, i18n, browser));
        screens.put(NavTarget.STUDIO_EARNINGS, new EarningsController(session.studioMoney(), background, i18n));
        screens.put(NavTarget.STUDIO_OFFERING, new OfferingController(session.studioMoney(), background, i18n));
        screens.put(NavTarget.SETTINGS, new SettingsController(session.account(), session.wallet(),
                session.devices(), session.artist(), session.player(), background, i18n, prefs, onPrefs, pins,
                onServer, onSignOut, this::openStudio));
        StudioScreens.addTo(screens, session, background, i18n, events, navigation);

        model.signedIn.set(i18n.get("shell.signedIn", session.account().email()));
        actions = new ShellView.Actions() {
            @Override
            public void onTab(NavTarget target) {
                if (target == NavTarget.STUDIO) {
                    openStudio();
                } else if (model.tab.get() != target) {
                    navigation.go(Place.of(target)); // the chosen tab pressed again stays where it is
                }
            }

            @Override
            public void onBack() {
                navigation.back();
            }

            @Override
            public void onFind() {
                onTab(NavTarget.SEARCH);
                search.focusField();
            }

            @Override
            public void onRetry() {
                session.sync().syncNow();
            }

            @Override
            public void onPlayPause() {
                nowPlaying.togglePlayPause();
            }

            @Override
            public void onSeek(boolean forward) {
                nowPlaying.seekBy(forward ? SEEK_STEP_MS : -SEEK_STEP_MS);
            }
        };
        model.artist.set(session.artist().isArtist());
        view = new ShellView(model, i18n, trackPanel.view(), nowPlaying.view(), StudioScreens.shown(screens),
                actions);
        model.canGoBack.bind(navigation.canGoBackProperty());
        navigation.setListener(this::moved);
        navigation.go(Place.of(NavTarget.HOME));
        if ("library".equals(System.getProperty("nd.startScreen"))) { // a kiosk, or the start-up benchmark
            navigation.go(Place.of(NavTarget.LIBRARY));
        }
        subscriptions.add(events.each(session.sync()::addListener, session.sync()::removeListener,
                this::showStatus));
        // A listener who becomes an artist (in Settings) has the Studio from that moment.
        subscriptions.add(events.each(session.artist()::addListener, session.artist()::removeListener,
                model.artist::set));
        subscriptions.add(events.subscribe(session.downloads()::addListener, session.downloads()::removeListener,
                post -> new DownloadListener() {
                    @Override
                    public void onChanged(Download download) {
                        if (download.state() == Download.State.DONE) {
                            post.toFx(() -> { // now it plays offline: the rows say so
                                search.refresh();
                                library.downloadsChanged();
                            });
                        }
                    }
                }));
        showStatus(session.sync().status());
    }

    /** The shell's part of a move: the screen left is put away, the one coming is told what to show and shown. */
    private void moved(Place from, Place to) {
        if (from != null) {
            screens.get(from.target()).onDeactivate();
        }
        Screen coming = screens.get(to.target());
        if (coming instanceof Screen.OfOne one) {
            one.open(to.id());
        }
        model.tab.set(to.target().tab());
        if (to.target().inStudio()) {
            studioSeen = to.target().tab();
        }
        model.trackPanelBeside.set(WITH_TRACK_PANEL.contains(to.target().tab()));
        model.screen.set(coming.view());
        coming.onActivate();
    }

    private void showStatus(SyncService.Status status) {
        if (shownSync == null && status.lastSync() != null) {
            // The first sync of this window brought what changed elsewhere (a new listener's whole catalog, likes
            // and playlists from other devices): the screens that show it read again.
            if (model.tab.get() == NavTarget.HOME) {
                navigation.go(Place.of(NavTarget.HOME));
            } else if (model.tab.get() == NavTarget.LIBRARY) {
                navigation.reload();
            }
        }
        shownSync = status.lastSync();
        boolean offline = !status.online() && status.lastError() != null;
        boolean changed = model.offline.get() != offline;
        model.offline.set(offline);
        model.bannerText.set(status.waiting() > 0 ? i18n.get("offline.waiting", status.waiting())
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
        return view.root;
    }

    ShellModel model() {
        return model;
    }

    ShellView.Actions actions() {
        return actions;
    }

    /** Whether a screen is there for {@code target} (the Studio's land one by one). */
    boolean hasScreen(NavTarget target) {
        return screens.containsKey(target);
    }

    Navigation navigation() {
        return navigation;
    }

    /** Shows Settings (after the window was rebuilt in another language from there). */
    public void openSettings() {
        navigation.go(Place.of(NavTarget.SETTINGS));
    }

    /**
     * Shows the Studio (artists only): the screen of it seen last, else its first. {@code ./nd demo --artist} opens
     * on it, and so does becoming an artist.
     */
    public void openStudio() {
        if (!session.artist().isArtist()) {
            return;
        }
        model.artist.set(true); // before the event saying so, when the Studio opens as a listener becomes an artist
        NavTarget to = studioSeen != null ? studioSeen : StudioScreens.shown(screens).getFirst().target();
        if (model.tab.get() != to) {
            navigation.go(Place.of(to));
        }
    }

    /** The window is up: the catalog's mirror is brought up to date (Search shows it). */
    public void onActivate() {
        search.syncMirror();
    }

    /** Stops listening to the session (the window is rebuilt in another language, or the listener signed out). */
    public void close() {
        navigation.current().ifPresent(p -> screens.get(p.target()).onDeactivate());
        subscriptions.close();
        nowPlaying.close();
        trackPanel.close();
    }
}
