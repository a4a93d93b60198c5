package dance.normal.app.settings;

import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.Money;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.policy.SpendingLimits;
import java.util.Arrays;
import javafx.scene.Node;

/**
 * The listener's spending limits, in dollars: per purchase and per day. Purchases within them are signed at once;
 * above them the app asks for the password. Lowering a limit needs nothing, raising one needs the password (the
 * wallet checks it), so whoever finds the app open cannot lift the limits and then spend. The limits are kept
 * beside the listener's wallet ({@code users/<id>/spending.json}); decision 0027. This is the section's controller
 * part: it calls the wallet and changes {@link SpendingLimitsModel}; {@link SpendingLimitsView} shows it.
 */
final class SpendingLimitsSection {

    private final SpendingLimitsModel model = new SpendingLimitsModel();
    private final SpendingLimitsView view;
    private final WalletService wallet;
    private final Background background;
    private final I18n i18n;

    SpendingLimitsSection(WalletService wallet, Background background, I18n i18n) {
        this.wallet = wallet;
        this.background = background;
        this.i18n = i18n;
        this.view = new SpendingLimitsView(model, i18n, this::save);
        background.run(wallet::spendingLimits, this::show, e -> model.error.set(i18n.sentence(e)));
    }

    Node view() {
        return view.root;
    }

    SpendingLimitsModel model() {
        return model;
    }

    /**
     * Saves the limits as typed, with {@code typed} (null when no password was typed) to raise one. Answers whether
     * it took the password; with an amount that is not one it wipes it and the field keeps it.
     */
    private boolean save(char[] typed) {
        model.message.set("");
        model.error.set("");
        SpendingLimits limits;
        try {
            limits = new SpendingLimits(Money.parseDollars(model.perPurchase.get()),
                    Money.parseDollars(model.perDay.get()));
        } catch (IllegalArgumentException bad) {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
            model.error.set(i18n.get("settings.badAmount"));
            return false;
        }
        model.saving.set(true);
        background.run(() -> {
            wallet.setSpendingLimits(limits, typed);
            return limits;
        }, saved -> {
            model.saving.set(false);
            show(saved);
            model.message.set(i18n.get("settings.limitsSaved", saved.perPurchase().format(),
                    saved.perDay().format()));
        }, failure -> {
            model.saving.set(false);
            model.error.set(failure instanceof WalletException w ? switch (w.kind()) {
                case PASSWORD_REQUIRED -> i18n.get("settings.raiseNeedsPassword");
                case WRONG_PASSWORD -> i18n.get("settings.wrongPassword");
                case TOO_MANY_ATTEMPTS -> i18n.get("settings.tooManyAttempts");
                default -> i18n.sentence(failure);
            } : i18n.sentence(failure));
        });
        return true;
    }

    private void show(SpendingLimits limits) {
        model.perPurchase.set(plain(limits.perPurchase()));
        model.perDay.set(plain(limits.perDay()));
    }

    /** "20.00" rather than "$20.00": the field's label says dollars. */
    private static String plain(Money money) {
        return money.format().replace("$", "").replace(",", "");
    }

    /** Leaving Settings forgets a typed password and the last sentence. */
    void onLeave() {
        model.forgetPassword.set(model.forgetPassword.get() + 1);
        model.message.set("");
        model.error.set("");
    }
}
