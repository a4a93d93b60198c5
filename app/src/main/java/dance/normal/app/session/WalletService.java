package dance.normal.app.session;

import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.Topup;
import dance.normal.protocol.tokens.Withdrawal;
import dance.normal.wallet.policy.SpendingLimits;
import java.util.Optional;

/**
 * Money: the balance and holdings, buying a track's tokens (signed by the wallet on this device, within the
 * listener's spending limits), adding money, and the wallet's recovery phrase. Every method refuses the FX thread.
 */
public interface WalletService {

    /** The wallet: balance, earnings and the latest entries, and the tokens held. */
    record WalletState(LedgerPage ledger, Holdings holdings) {
    }

    /** The wallet's public address (its device key). */
    String walletAddress();

    /** The wallet now, or as last seen here when offline. */
    Seen<WalletState> walletState();

    LedgerPage ledger();

    Holdings holdings();

    /** The track's token offering, or empty when it has none. */
    Optional<Offering> offering(String trackId);

    Quote quote(String trackId, long quantity);

    /**
     * Signs the quote with the wallet, after checking that the bytes it signs say exactly what the quote says, name
     * this wallet and pay the quote's total, then buys under {@code key} (the same key again returns the first
     * answer). Within the listener's spending limits it signs at once; above them it needs the account password.
     *
     * @param password the account password when the listener was asked for it, else null; wiped here
     * @throws dance.normal.wallet.WalletException {@code PASSWORD_REQUIRED} (nothing signed: ask for the password
     *                                             and call again), {@code WRONG_PASSWORD}, {@code TOO_MANY_ATTEMPTS}
     */
    Purchase buy(Quote quote, String key, char[] password);

    /** The listener's spending limits on this device: above either, a purchase asks for the password. */
    SpendingLimits spendingLimits();

    /**
     * Sets the spending limits. Lowering them needs nothing; raising either needs the account password.
     *
     * @param password the account password, or null when the limits only go down; wiped here
     * @throws dance.normal.wallet.WalletException {@code PASSWORD_REQUIRED} when raising without it,
     *                                             {@code WRONG_PASSWORD}, {@code TOO_MANY_ATTEMPTS}
     */
    void setSpendingLimits(SpendingLimits limits, char[] password);

    /** Adds money with {@code card} (a test card number or a token), or on Stripe's page when it is blank. */
    Topup topUp(long micros, String card, String key);

    /** Where a top-up stands now (a queued or pending one goes on by itself on the server). */
    Topup topup(String id);

    /**
     * The exact words this wallet signs to withdraw {@code amountMicros} of earnings to itself under {@code key} (the
     * Idempotency-Key), to show in plain words before the person confirms.
     */
    String withdrawalText(long amountMicros, String key);

    /**
     * Signs {@link #withdrawalText} with this wallet and withdraws the earnings to it, once per {@code key} (the same
     * key again returns the first answer). Not spending: the money stays the person's, so no spending limit applies.
     */
    Withdrawal withdraw(long amountMicros, String key);

    /**
     * As {@link #withdraw}, but pays from what this account's artist earned from sales and plays (the Studio's
     * earnings), not from the holder's earnings: the same signed words, the request saying {@code from: "artist"}.
     */
    Withdrawal withdrawArtistEarnings(long amountMicros, String key);

    /** The wallet's recovery phrase, for the listener to write down; needs their password (wiped here). */
    char[] recoveryPhrase(char[] password);
}
