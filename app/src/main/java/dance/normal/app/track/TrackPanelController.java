package dance.normal.app.track;

import dance.normal.app.Session;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.sync.api.ProblemException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Parent;
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
    private final Session session;
    private final Background background;
    private final I18n i18n;
    private final Runnable onBought;
    private Track track;
    private Quote quote;
    private String key;

    public TrackPanelController(Session session, Background background, I18n i18n, Runnable onBought) {
        this.session = session;
        this.background = background;
        this.i18n = i18n;
        this.onBought = onBought;
        this.view = new TrackPanelView(model, i18n, this::onQuote, this::onConfirm, this::onCancel);
    }

    public Parent view() {
        return view.root;
    }

    /** Shows {@code chosen} and looks up its offering. */
    public void show(Track chosen) {
        track = chosen;
        quote = null;
        model.title.set(chosen.title());
        model.artist.set(chosen.artistName());
        model.offering.set("");
        model.buyable.set(false);
        model.confirming.set(false);
        model.result.set("");
        model.error.set("");
        String id = chosen.id();
        background.run(() -> session.offering(id), (Optional<Offering> offering) -> {
            if (track == null || !track.id().equals(id)) {
                return;
            }
            if (offering.isEmpty()) {
                model.offering.set(i18n.get("track.noOffering"));
                return;
            }
            Offering o = offering.get();
            model.offering.set(i18n.get("track.offering", o.sold(), o.supply(),
                    TokenMessages.dollars(o.priceMicros()), o.holderShareBp() / 100.0));
            model.buyable.set(o.available() > 0);
            if (o.available() == 0) {
                model.offering.set(model.offering.get() + " " + i18n.get("track.soldOut"));
            }
            long max = o.capPerBuyer() == null ? o.available() : Math.min(o.available(), o.capPerBuyer());
            view.quantity.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                    (int) Math.max(1, Math.min(max, 10_000)), 1));
        }, error -> model.offering.set(sentence(error)));
    }

    private void onQuote() {
        long quantity = view.quantity.getValue();
        String id = track.id();
        model.error.set("");
        model.result.set("");
        model.working.set(true);
        background.run(() -> session.quote(id, quantity), (Quote q) -> {
            model.working.set(false);
            quote = q;
            key = UUID.randomUUID().toString();
            model.quote.set(i18n.get("track.youPay", TokenMessages.dollars(q.totalMicros()),
                    TokenMessages.dollars(q.artistMicros()), TokenMessages.dollars(q.feeMicros()), q.quantity(),
                    String.format(Locale.ROOT, "%.2f", q.revenueSharePpm() / 10_000.0),
                    TIME.format(q.expiresAt().atZone(ZoneId.systemDefault()))));
            model.preview.set(q.text());
            model.confirming.set(true);
        }, error -> {
            model.working.set(false);
            model.error.set(sentence(error));
        });
    }

    private void onConfirm() {
        Quote q = quote;
        String k = key;
        model.working.set(true);
        background.run(() -> session.buy(q, k), (Purchase p) -> {
            model.working.set(false);
            onBought.run();
            show(track); // the offering's numbers changed
            if (p.receipt() != null) {
                model.result.set(i18n.get("track.bought", p.receipt().holdingAfter(),
                        TokenMessages.dollars(p.receipt().balanceAfterMicros())));
            } else if (p.state().equals("REFUNDED")) {
                model.error.set(p.failure());
            } else {
                model.result.set(i18n.get("track.underWay"));
            }
        }, error -> {
            model.working.set(false);
            model.confirming.set(false);
            model.error.set(sentence(error));
        });
    }

    private void onCancel() {
        quote = null;
        model.confirming.set(false);
    }

    private String sentence(Throwable error) {
        return error instanceof ProblemException p ? i18n.problem(p.problem().type(), p.problem().detail())
                : i18n.get("onboarding.error.failed", error.getMessage());
    }
}
