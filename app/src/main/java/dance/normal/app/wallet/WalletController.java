package dance.normal.app.wallet;

import dance.normal.app.session.Seen;
import dance.normal.app.session.WalletService;
import dance.normal.app.nav.Screen;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Browser;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.Money;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.StatementLine;
import dance.normal.protocol.tokens.Topup;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;
import javafx.scene.Parent;

/**
 * The wallet as a listener sees it: dollars, never keys. Adding money goes through the server's payment provider
 * (the test card in the demo), once per press: the Idempotency-Key is made when the button is pressed. With the card
 * field empty the money is paid on Stripe's hosted page, opened in the listener's browser (a real card is typed
 * there, never here). A top-up that does not end at once (queued while the payment service is down, or waiting for
 * Stripe's page) is followed here, polling its state every {@link #POLL} with a progress indicator, until it ends.
 */
public final class WalletController implements Screen {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The ledger's references ("(purchase 1b2c...)") are for support, not for the listener's history. */
    private static final Pattern REFERENCE = Pattern.compile(" ?\\((purchase|top-up) [0-9a-f-]{36}\\)");
    private final WalletModel model = new WalletModel();
    private final WalletView view;
    private final WalletService wallet;
    private final Background background;
    private final I18n i18n;
    private final Browser browser;
    static final Duration POLL = Duration.ofSeconds(2);
    /** Longer than a Checkout page stays open (an hour), after which the server ends the top-up by itself. */
    private static final Duration FOLLOW_FOR = Duration.ofMinutes(75);
    /** The top-up being followed, so a newer one replaces it (FX thread). */
    private String followed;

    public WalletController(WalletService wallet, Background background, I18n i18n, Browser browser) {
        this.wallet = wallet;
        this.background = background;
        this.i18n = i18n;
        this.browser = browser;
        this.view = new WalletView(model, i18n, this::onTopUp);
    }

    WalletModel model() {
        return model;
    }

    @Override
    public Parent view() {
        return view.root;
    }

    /** Reads balance, holdings and history again. */
    @Override
    public void onActivate() {
        model.message.set("");
        refresh();
    }

    /**
     * A top-up under way is still followed while the screen is hidden: the listener paid, and the message waits for
     * them (with the balance read again) when they come back.
     */
    @Override
    public void onDeactivate() {
    }

    private void refresh() {
        background.run(wallet::walletState, this::show, error -> {
            model.asOf.set("");
            model.error.set(i18n.sentence(error));
        });
    }

    private void show(Seen<WalletService.WalletState> seen) {
        model.error.set("");
        model.asOf.set(seen.offline() ? i18n.get("wallet.offline", i18n.when(seen.asOf())) : "");
        WalletService.WalletState s = seen.value();
        model.balance.set(Money.ofMicros(s.ledger().balanceMicros()).format());
        model.earnings.set(i18n.get("wallet.earnings", Money.ofMicros(s.ledger().earningsMicros()).format()));
        model.holdings.setAll(s.holdings().holdings().stream().map(this::line).toList());
        model.history.setAll(s.ledger().entries().stream().map(this::line).toList());
    }

    private String line(Holding h) {
        return i18n.get("wallet.holding", h.trackTitle(), h.artistName(), h.quantity(),
                Money.ofMicros(h.earnedMicros()).format());
    }

    private String line(StatementLine l) {
        return DAY.format(l.at().atZone(ZoneId.systemDefault())) + "   "
                + (l.amountMicros() >= 0 ? "+" : "") + Money.ofMicros(l.amountMicros()).format() + "   "
                + REFERENCE.matcher(l.memo()).replaceAll("");
    }

    private void onTopUp() {
        long dollars;
        try {
            dollars = Long.parseLong(model.amount.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            model.error.set(i18n.get("onboarding.error.failed", model.amount.get()));
            return;
        }
        String card = model.card.get();
        String key = UUID.randomUUID().toString();
        model.error.set("");
        model.message.set("");
        model.working.set(true);
        background.run(() -> wallet.topUp(dollars * 1_000_000, card, key), (Topup t) -> {
            model.working.set(false);
            model.card.set("");
            followed = null;
            shown(t, Instant.now().plus(FOLLOW_FOR), false);
        }, error -> {
            model.working.set(false);
            model.error.set(i18n.sentence(error));
        });
    }

    /** Shows where a top-up stands; one that goes on is followed (its page opened once) until it ends. */
    private void shown(Topup t, Instant until, boolean opened) {
        if (followed != null && !followed.equals(t.id())) {
            return; // a newer top-up is shown
        }
        if (t.done()) {
            followed = null;
            model.following.set(false);
            refresh();
            if (t.state().equals("SUCCEEDED")) {
                model.error.set("");
                model.message.set(i18n.get("wallet.added", Money.ofMicros(t.amountMicros()).format(),
                        Money.ofMicros(t.balanceMicros()).format()));
            } else {
                model.message.set("");
                model.error.set(i18n.get("wallet.failed", t.failure() == null ? "" : t.failure()));
            }
            return;
        }
        followed = t.id();
        model.following.set(true);
        boolean open = !opened && t.checkoutUrl() != null;
        model.message.set(t.checkoutUrl() != null ? i18n.get("wallet.checkoutOpened") : t.notice());
        if (Instant.now().isAfter(until)) {
            model.following.set(false);
            return;
        }
        background.run(() -> {
            if (open) {
                browser.open(URI.create(t.checkoutUrl()));
                return wallet.topup(t.id());
            }
            Thread.sleep(POLL.toMillis());
            return wallet.topup(t.id());
        }, next -> shown(next, until, opened || open), error -> {
            // The server may be out of reach for a moment: the top-up goes on there, so keep following it.
            model.error.set(i18n.sentence(error));
            shown(t, until, true);
        });
    }
}
