package dance.normal.app.wallet;

import dance.normal.app.Session;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.Money;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.StatementLine;
import dance.normal.protocol.tokens.Topup;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;
import javafx.scene.Parent;

/**
 * The wallet as a listener sees it: dollars, never keys. Adding money goes through the server's payment provider
 * (the test card in the demo), once per press: the Idempotency-Key is made when the button is pressed.
 */
public final class WalletController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The ledger's references ("(purchase 1b2c...)") are for support, not for the listener's history. */
    private static final Pattern REFERENCE = Pattern.compile(" ?\\((purchase|top-up) [0-9a-f-]{36}\\)");
    private final WalletModel model = new WalletModel();
    private final WalletView view;
    private final Session session;
    private final Background background;
    private final I18n i18n;

    public WalletController(Session session, Background background, I18n i18n) {
        this.session = session;
        this.background = background;
        this.i18n = i18n;
        this.view = new WalletView(model, i18n, this::onTopUp);
    }

    public Parent view() {
        return view.root;
    }

    /** Reads balance, holdings and history again. */
    public void onActivate() {
        model.message.set("");
        refresh();
    }

    private void refresh() {
        background.run(session::walletState, this::show, error -> {
            model.asOf.set("");
            model.error.set(i18n.sentence(error));
        });
    }

    private void show(Session.Seen<Session.WalletState> seen) {
        model.error.set("");
        model.asOf.set(seen.offline() ? i18n.get("wallet.offline", i18n.when(seen.asOf())) : "");
        Session.WalletState s = seen.value();
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
        String card = view.card.getText();
        String key = UUID.randomUUID().toString();
        model.error.set("");
        model.message.set("");
        model.working.set(true);
        background.run(() -> session.topUp(dollars * 1_000_000, card, key), (Topup t) -> {
            model.working.set(false);
            view.card.clear();
            refresh();
            model.message.set(t.state().equals("SUCCEEDED")
                    ? i18n.get("wallet.added", Money.ofMicros(t.amountMicros()).format(),
                    Money.ofMicros(t.balanceMicros()).format())
                    : t.notice());
        }, error -> {
            model.working.set(false);
            model.error.set(i18n.sentence(error));
        });
    }
}
