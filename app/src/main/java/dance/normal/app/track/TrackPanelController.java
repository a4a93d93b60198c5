package dance.normal.app.track;

import dance.normal.app.session.DownloadService;
import dance.normal.app.session.LibraryService;
import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.DownloadWords;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.Subscriptions;
import dance.normal.protocol.Money;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.Quote;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import dance.normal.sync.library.LocalPlaylist;
import dance.normal.wallet.WalletException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * Owning a share of a track: shows its offering; quantity → quote (what you pay, what you get in dollars and in
 * share of the track's play revenue) → the wallet's preview in words → confirm → receipt. One Idempotency-Key per
 * quote, so a confirm that is repeated (a double click, a retry after a timeout) charges once.
 */
public final class TrackPanelController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final TrackPanelModel model = new TrackPanelModel();
    private final TrackPanelView view;
    private final LibraryService library;
    private final WalletService wallet;
    private final DownloadService downloads;
    private final Background background;
    private final I18n i18n;
    private final TrackPanelView.Actions actions;
    private final Subscriptions subscriptions = new Subscriptions();
    private Track track;
    private Quote quote;
    private String key;

    /** Where the panel's links lead. */
    public interface Links {
        void openArtist(String artistId);

        void openRelease(String releaseId);
    }

    /**
     * @param events    the bridge from download threads to the FX thread
     * @param onPlay    plays the shown track now
     * @param onQueue   adds the shown track to the end of the queue
     */
    public TrackPanelController(LibraryService library, WalletService wallet, DownloadService downloads,
                                FxEvents events, Background background, I18n i18n, Consumer<Track> onPlay,
                                Consumer<Track> onQueue, Links links) {
        this.library = library;
        this.wallet = wallet;
        this.downloads = downloads;
        this.background = background;
        this.i18n = i18n;
        this.actions = new TrackPanelView.Actions() {
            @Override
            public void onPlay() {
                onPlay.accept(track);
            }

            @Override
            public void onDownload() {
                download();
            }

            @Override
            public void onLike() {
                like();
            }

            @Override
            public void onQueue() {
                onQueue.accept(track);
                model.result.set(i18n.get("track.queued"));
            }

            @Override
            public void onPlaylistsShowing() {
                fillPlaylists();
            }

            @Override
            public void onAddTo(LocalPlaylist playlist) {
                addTo(playlist);
            }

            @Override
            public void onArtist() {
                links.openArtist(track.artistId());
            }

            @Override
            public void onRelease() {
                if (track.releaseId() != null) {
                    links.openRelease(track.releaseId());
                }
            }

            @Override
            public void onClose() {
                hide();
            }

            @Override
            public void onQuote() {
                askQuote();
            }

            @Override
            public void onConfirm() {
                buy(null);
            }

            @Override
            public void onCancel() {
                quote = null;
                model.confirming.set(false);
            }

            @Override
            public void onPassword(char[] password) {
                model.passwordReason.set("");
                buy(password);
            }

            @Override
            public void onPasswordCancelled() {
                model.passwordReason.set("");
                model.error.set(i18n.get("track.notBought"));
            }
        };
        this.view = new TrackPanelView(model, i18n, actions);
        // The panel stands beside every screen that lists tracks, so it follows downloads until the window closes.
        subscriptions.add(events.subscribe(downloads::addListener, downloads::removeListener,
                post -> new DownloadListener() {
                    @Override
                    public void onChanged(Download changed) {
                        post.toFx(() -> {
                            if (showing(changed.trackId())) {
                                showDownload(Optional.of(changed));
                            }
                        });
                    }
                }));
    }

    TrackPanelModel model() {
        return model;
    }

    TrackPanelView.Actions actions() {
        return actions;
    }

    private void like() {
        String id = track.id();
        boolean liked = model.liked.get();
        background.run(() -> {
            library.setLiked(id, liked);
            return null;
        }, ok -> { }, error -> {
            model.liked.set(!liked);
            model.error.set(i18n.sentence(error));
        });
    }

    private void addTo(LocalPlaylist playlist) {
        if (track == null) {
            return;
        }
        String id = track.id();
        background.run(() -> {
            library.addToPlaylist(playlist.localId(), id);
            return null;
        }, ok -> model.result.set(i18n.get("track.added", playlist.name())),
                error -> model.error.set(i18n.sentence(error)));
    }

    private void download() {
        String id = track.id();
        boolean remove = model.downloaded.get();
        model.downloaded.set(!remove);
        background.run(() -> {
            if (remove) {
                downloads.remove(id);
            } else {
                downloads.download(id, true);
            }
            return downloads.download(id);
        }, (Optional<Download> now) -> {
            if (showing(id)) {
                showDownload(now);
            }
        }, error -> model.error.set(i18n.sentence(error)));
    }

    private void showDownload(Optional<Download> d) {
        model.downloaded.set(d.isPresent() && d.get().state() != Download.State.FAILED);
        model.download.set(d.map(x -> DownloadWords.of(x, i18n)).orElse(""));
    }

    /** Stops following downloads (the window is being rebuilt or closed). */
    public void close() {
        subscriptions.close();
    }

    public Parent view() {
        return view.root;
    }

    /** The listener's playlists to add the shown track to, read when the menu opens. */
    private void fillPlaylists() {
        background.run(library::playlists, model.playlists::setAll, error -> model.error.set(i18n.sentence(error)));
    }

    /** Reads the shown track's offering, holding and download again (the server came back, say). */
    public void refresh() {
        if (track != null && !model.confirming.get() && !model.working.get()) {
            load(track);
        }
    }

    /** Clears the panel (Close; not while a quote or purchase is under way). */
    public void hide() {
        track = null;
        quote = null;
        model.title.set("");
    }

    /**
     * Shows {@code chosen} and looks up its offering; the track already shown stays as it is, and while a quote or
     * purchase is under way the panel stays on its track until it is done.
     */
    public void show(Track chosen) {
        if (!showing(chosen.id()) && !model.working.get()) {
            load(chosen);
        }
    }

    private void load(Track chosen) {
        track = chosen;
        quote = null;
        model.title.set(chosen.title());
        model.artist.set(chosen.artistName());
        model.release.set(chosen.releaseTitle() == null ? "" : chosen.releaseTitle());
        model.offering.set("");
        model.buyable.set(false);
        model.confirming.set(false);
        model.result.set("");
        model.error.set("");
        model.holding.set("");
        model.download.set("");
        String id = chosen.id();
        model.liked.set(false);
        fillPlaylists();
        background.run(() -> library.isLiked(id), liked -> {
            if (showing(id)) {
                model.liked.set(liked);
            }
        }, error -> { });
        background.run(() -> downloads.download(id), (Optional<Download> d) -> {
            if (showing(id)) {
                showDownload(d);
            }
        }, error -> model.download.set(""));
        background.run(() -> wallet.holdings().holdings().stream().filter(h -> h.trackId().equals(id))
                .findFirst(), (Optional<Holding> h) -> {
            if (showing(id)) {
                model.holding.set(h.map(x -> i18n.get("track.holding", x.quantity(),
                        String.format(Locale.ROOT, "%.2f", x.quantity() * 100.0 * x.holderShareBp() / 10_000.0
                                / x.supply()), Money.ofMicros(x.earnedMicros()).format())).orElse(""));
            }
        }, error -> model.holding.set(""));
        background.run(() -> wallet.offering(id), (Optional<Offering> offering) -> {
            if (!showing(id)) {
                return;
            }
            if (offering.isEmpty()) {
                model.offering.set(i18n.get("track.noOffering"));
                return;
            }
            Offering o = offering.get();
            model.offering.set(i18n.get("track.offering", o.sold(), o.supply(),
                    Money.ofMicros(o.priceMicros()).format(), o.holderShareBp() / 100.0));
            model.buyable.set(o.available() > 0);
            if (o.available() == 0) {
                model.offering.set(model.offering.get() + " " + i18n.get("track.soldOut"));
            }
            long max = o.capPerBuyer() == null ? o.available() : Math.min(o.available(), o.capPerBuyer());
            model.maxQuantity.set((int) Math.max(1, Math.min(max, 10_000)));
            model.quantity.set(1);
        }, error -> model.offering.set(i18n.sentence(error)));
    }

    private void askQuote() {
        long quantity = model.quantity.get();
        String id = track.id();
        model.error.set("");
        model.result.set("");
        model.working.set(true);
        background.run(() -> wallet.quote(id, quantity), (Quote q) -> {
            model.working.set(false);
            if (!showing(id)) {
                return; // put away, or another track chosen meanwhile: nothing was signed or bought
            }
            quote = q;
            key = UUID.randomUUID().toString();
            model.quote.set(i18n.get("track.youPay", Money.ofMicros(q.totalMicros()).format(),
                    Money.ofMicros(q.artistMicros()).format(), Money.ofMicros(q.feeMicros()).format(), q.quantity(),
                    String.format(Locale.ROOT, "%.2f", q.revenueSharePpm() / 10_000.0),
                    TIME.format(q.expiresAt().atZone(ZoneId.systemDefault()))));
            model.preview.set(q.text());
            model.confirming.set(true);
        }, error -> {
            model.working.set(false);
            if (showing(id)) {
                model.error.set(i18n.sentence(error));
            }
        });
    }

    /**
     * Buys what the quote says. Above the listener's spending limit the wallet signs nothing and asks for the
     * password first (a dialog); a wrong password buys nothing and says so.
     */
    private void buy(char[] password) {
        Quote q = quote;
        String k = key;
        String id = track.id();
        model.working.set(true);
        model.error.set("");
        background.run(() -> wallet.buy(q, k, password), (Purchase p) -> {
            model.working.set(false);
            if (!showing(id)) {
                return; // the panel moved on; the purchase and its receipt are in the Wallet
            }
            load(track); // the offering's numbers changed
            if (p.receipt() != null) {
                model.result.set(i18n.get("track.bought", p.receipt().holdingAfter(),
                        Money.ofMicros(p.receipt().balanceAfterMicros()).format()));
            } else if (p.state().equals("REFUNDED")) {
                model.error.set(p.failure());
            } else {
                model.result.set(i18n.get("track.underWay"));
            }
        }, error -> {
            model.working.set(false);
            if (!showing(id)) {
                return;
            }
            if (error instanceof WalletException w && w.kind() == WalletException.Kind.PASSWORD_REQUIRED) {
                // Nothing was signed: the confirm step stays while the password is asked.
                model.passwordReason.set(i18n.get("track.overLimit", Money.ofMicros(q.totalMicros()).format()));
                return;
            }
            if (error instanceof WalletException w && (w.kind() == WalletException.Kind.WRONG_PASSWORD
                    || w.kind() == WalletException.Kind.TOO_MANY_ATTEMPTS)) {
                // Nothing was signed; the same quote can be confirmed again with the right password.
                model.error.set(w.kind() == WalletException.Kind.WRONG_PASSWORD ? i18n.get("track.wrongPassword")
                        : i18n.get("settings.tooManyAttempts"));
                return;
            }
            model.confirming.set(false);
            model.error.set(i18n.sentence(error));
        });
    }

    private boolean showing(String trackId) {
        return track != null && track.id().equals(trackId);
    }
}
