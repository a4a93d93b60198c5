package dance.normal.app.track;

import dance.normal.app.session.DownloadService;
import dance.normal.app.session.LibraryService;
import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.DownloadWords;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordPrompt;
import dance.normal.protocol.Money;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.Quote;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadListener;
import dance.normal.wallet.WalletException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SpinnerValueFactory;

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
    private final DownloadListener downloadListener;
    private Track track;
    private Quote quote;
    private String key;

    /** Where the panel's links lead. */
    public interface Links {
        void openArtist(String artistId);

        void openRelease(String releaseId);
    }

    /**
     * @param onPlay    plays the shown track now
     * @param onQueue   adds the shown track to the end of the queue
     */
    public TrackPanelController(LibraryService library, WalletService wallet, DownloadService downloads,
                                Background background, I18n i18n, Consumer<Track> onPlay, Consumer<Track> onQueue,
                                Links links) {
        this.library = library;
        this.wallet = wallet;
        this.downloads = downloads;
        this.background = background;
        this.i18n = i18n;
        this.view = new TrackPanelView(model, i18n, () -> onPlay.accept(track), this::onDownload, this::onQuote,
                this::onConfirm, this::onCancel);
        view.artist.setOnAction(e -> links.openArtist(track.artistId()));
        view.close.setOnAction(e -> hide());
        view.queueIt.setOnAction(e -> {
            onQueue.accept(track);
            model.result.set(i18n.get("track.queued"));
        });
        view.like.setOnAction(e -> {
            String id = track.id();
            boolean liked = view.like.isSelected();
            background.run(() -> {
                library.setLiked(id, liked);
                return null;
            }, ok -> { }, error -> {
                model.liked.set(!liked);
                model.error.set(i18n.sentence(error));
            });
        });
        view.addTo.setOnShowing(e -> fillPlaylists());
        view.release.setOnAction(e -> {
            if (track.releaseId() != null) {
                links.openRelease(track.releaseId());
            }
        });
        this.downloadListener = new DownloadListener() {
            @Override
            public void onChanged(Download changed) {
                Platform.runLater(() -> {
                    if (showing(changed.trackId())) {
                        showDownload(Optional.of(changed));
                    }
                });
            }
        };
        downloads.addListener(downloadListener);
    }

    private void onDownload() {
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

    public void close() {
        downloads.removeListener(downloadListener);
    }

    public Parent view() {
        return view.root;
    }

    /** The listener's playlists to add the shown track to, read when the menu opens. */
    private void fillPlaylists() {
        String id = track.id();
        background.run(library::playlists, playlists -> {
            view.addTo.getItems().setAll(playlists.stream().map(p -> {
                MenuItem item = new MenuItem(p.name());
                item.setOnAction(e -> background.run(() -> {
                    library.addToPlaylist(p.localId(), id);
                    return null;
                }, ok -> model.result.set(i18n.get("track.added", p.name())),
                        error -> model.error.set(i18n.sentence(error))));
                return item;
            }).toList());
            if (playlists.isEmpty()) {
                MenuItem none = new MenuItem(i18n.get("track.noPlaylists"));
                none.setDisable(true);
                view.addTo.getItems().setAll(none);
            }
        }, error -> model.error.set(i18n.sentence(error)));
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
            view.quantity.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                    (int) Math.max(1, Math.min(max, 10_000)), 1));
        }, error -> model.offering.set(i18n.sentence(error)));
    }

    private void onQuote() {
        long quantity = view.quantity.getValue();
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

    private void onConfirm() {
        buy(null);
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
                PasswordPrompt.ask(view.root.getScene() == null ? null : view.root.getScene().getWindow(), i18n,
                        i18n.get("track.overLimit", Money.ofMicros(q.totalMicros()).format()),
                        i18n.get("track.confirm"), this::buy, () -> model.error.set(i18n.get("track.notBought")));
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

    private void onCancel() {
        quote = null;
        model.confirming.set(false);
    }
}
