package dance.normal.app.session;

import dance.normal.protocol.Money;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.protocol.tokens.Topup;
import dance.normal.protocol.tokens.Withdrawal;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.policy.SpendingLimits;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A wallet in memory. Reads answer what the test put in; a purchase is answered by {@link #purchase} (after
 * {@link #buying} opens), signed within {@link #limits} at once and above them only with {@link #password}, as the
 * real wallet's signing policy does; top-ups answer from {@link #topups} in order.
 */
public final class FakeWalletService implements WalletService {

    public volatile String address = "ThisDeviceKey1111111111111111111111111111111";
    public volatile char[] password = "correct horse battery".toCharArray();
    public volatile Seen<WalletState> state = new Seen<>(new WalletState(new LedgerPage(0, 0, List.of()),
            new Holdings(List.of())), Instant.EPOCH, false);
    /** When set, reading the wallet (state, ledger, holdings) fails with it. */
    public volatile RuntimeException readFailure;
    public final Map<String, Offering> offerings = new ConcurrentHashMap<>();
    /** The quote to answer, or null to fail with {@link #quoteFailure}. */
    public volatile Quote quote;
    public volatile RuntimeException quoteFailure = new IllegalStateException("No quote");
    /** The quantities quotes were asked for, in order. */
    public final List<Long> quotedQuantities = new CopyOnWriteArrayList<>();
    /** Purchases wait here (closed by the test to see a purchase under way). */
    public final Gate buying = new Gate();
    /** The purchase to answer, or null to fail with {@link #buyFailure}. */
    public volatile Purchase purchase;
    public volatile RuntimeException buyFailure = new IllegalStateException("Not bought");
    /** The Idempotency-Keys purchases were made with, in order. */
    public final List<String> purchaseKeys = new CopyOnWriteArrayList<>();
    public volatile SpendingLimits limits = SpendingLimits.DEFAULT;
    /** Top-ups wait here. */
    public final Gate toppingUp = new Gate();
    /** Answers to a top-up and then to each look at it, in order; empty: a failure. */
    public final Queue<Topup> topups = new ConcurrentLinkedQueue<>();
    /** What top-ups were asked for: amount and card. */
    public final List<String> topUpsAsked = new CopyOnWriteArrayList<>();
    /** Withdrawals made: amount and Idempotency-Key. */
    public final List<String> withdrawals = new CopyOnWriteArrayList<>();

    public volatile String phrase = "abandon ability able about above absent absorb abstract absurd abuse access "
            + "accident";

    @Override
    public String walletAddress() {
        return address;
    }

    @Override
    public Seen<WalletState> walletState() {
        failReadIfAsked();
        return state;
    }

    @Override
    public LedgerPage ledger() {
        failReadIfAsked();
        return state.value().ledger();
    }

    @Override
    public Holdings holdings() {
        failReadIfAsked();
        return state.value().holdings();
    }

    @Override
    public Optional<Offering> offering(String trackId) {
        return Optional.ofNullable(offerings.get(trackId));
    }

    @Override
    public Quote quote(String trackId, long quantity) {
        quotedQuantities.add(quantity);
        Quote q = quote;
        if (q == null) {
            throw quoteFailure;
        }
        return q;
    }

    @Override
    public Purchase buy(Quote quote, String key, char[] typed) {
        try {
            buying.pass();
            purchaseKeys.add(key);
            if (Money.ofMicros(quote.totalMicros()).compareTo(limits.perPurchase()) > 0) {
                checkPassword(typed);
            }
            Purchase p = purchase;
            if (p == null) {
                throw buyFailure;
            }
            return p;
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
    }

    @Override
    public SpendingLimits spendingLimits() {
        return limits;
    }

    @Override
    public void setSpendingLimits(SpendingLimits next, char[] typed) {
        try {
            boolean raising = next.perPurchase().compareTo(limits.perPurchase()) > 0
                    || next.perDay().compareTo(limits.perDay()) > 0;
            if (raising) {
                checkPassword(typed);
            }
            limits = next;
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
    }

    @Override
    public Topup topUp(long micros, String card, String key) {
        toppingUp.pass();
        topUpsAsked.add(micros + " " + card);
        return nextTopup();
    }

    @Override
    public Topup topup(String id) {
        return nextTopup();
    }

    @Override
    public String withdrawalText(long amountMicros, String key) {
        return TokenMessages.withdrawal(key, amountMicros, address);
    }

    @Override
    public Withdrawal withdraw(long amountMicros, String key) {
        withdrawals.add(amountMicros + " " + key);
        return new Withdrawal("w-" + withdrawals.size(), "PAID", amountMicros, address, null, 0, Instant.EPOCH);
    }

    /** Recorded as "artist amount key" in {@link #withdrawals}. */
    @Override
    public Withdrawal withdrawArtistEarnings(long amountMicros, String key) {
        withdrawals.add("artist " + amountMicros + " " + key);
        return new Withdrawal("w-" + withdrawals.size(), "PAID", amountMicros, address, null, 0, Instant.EPOCH);
    }

    @Override
    public char[] recoveryPhrase(char[] typed) {
        try {
            checkPassword(typed);
            return phrase.toCharArray();
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    private Topup nextTopup() {
        Topup t = topups.poll();
        if (t == null) {
            throw new IllegalStateException("The payment service said no");
        }
        return t;
    }

    private void checkPassword(char[] typed) {
        if (typed == null || typed.length == 0) {
            throw new WalletException(WalletException.Kind.PASSWORD_REQUIRED, "Needs your password.");
        }
        if (!Arrays.equals(typed, password)) {
            throw new WalletException(WalletException.Kind.WRONG_PASSWORD, "Wrong password.");
        }
    }

    private void failReadIfAsked() {
        if (readFailure != null) {
            throw readFailure;
        }
    }
}
