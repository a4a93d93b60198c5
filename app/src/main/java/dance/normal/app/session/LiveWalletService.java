package dance.normal.app.session;

import dance.normal.protocol.Money;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.protocol.tokens.Topup;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.protocol.tokens.Withdrawal;
import dance.normal.protocol.tokens.WithdrawalRequest;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ProblemException;
import dance.normal.wallet.Wallet;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.policy.SigningPolicy;
import dance.normal.wallet.policy.SpendingLedger;
import dance.normal.wallet.policy.SpendingLimits;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wallet on this device (keys in {@code wallet-core}, never leaving it) and the server's money routes. The
 * spending limits and what was spent today are kept beside the wallet ({@code spending.json}, decision 0027).
 */
final class LiveWalletService implements WalletService {

    private final ApiClient api;
    private final Wallet wallet;
    private final SpendingLedger spendingLedger;
    private final SigningPolicy spendingPolicy;
    private final KeptAnswers kept;

    LiveWalletService(ApiClient api, Wallet wallet, SpendingLedger spendingLedger, SigningPolicy spendingPolicy,
                      KeptAnswers kept) {
        this.api = api;
        this.wallet = wallet;
        this.spendingLedger = spendingLedger;
        this.spendingPolicy = spendingPolicy;
        this.kept = kept;
    }

    @Override
    public String walletAddress() {
        return wallet.address();
    }

    @Override
    public Seen<WalletState> walletState() {
        OffFxThread.require("Reading the wallet");
        return kept.kept("app.wallet.last", WalletState.class, () -> new WalletState(ledger(), holdings()));
    }

    @Override
    public LedgerPage ledger() {
        OffFxThread.require("Reading the balance");
        return api.get("/api/v1/me/ledger?limit=50", LedgerPage.class);
    }

    @Override
    public Holdings holdings() {
        OffFxThread.require("Reading holdings");
        return api.get("/api/v1/me/holdings", Holdings.class);
    }

    @Override
    public Optional<Offering> offering(String trackId) {
        OffFxThread.require("Reading an offering");
        try {
            return Optional.of(api.get("/api/v1/offerings/" + trackId, Offering.class));
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Quote quote(String trackId, long quantity) {
        OffFxThread.require("Asking for a quote");
        return api.call("POST", "/api/v1/quotes", new QuoteRequest(trackId, quantity, wallet.address()),
                Quote.class, Map.of(), false);
    }

    /** The signature goes through the wallet's signing policy; a wrong password signs nothing. */
    @Override
    public Purchase buy(Quote quote, String key, char[] password) {
        try {
            OffFxThread.require("Buying");
            byte[] message = Base64.getDecoder().decode(quote.message());
            OffchainMessage decoded = OffchainMessage.decode(message);
            Money total = Money.ofMicros(quote.totalMicros());
            if (!decoded.text().equals(quote.text())
                    || !decoded.signers().equals(List.of(Address.of(wallet.address())))
                    || !Arrays.equals(decoded.applicationDomain(), TokenMessages.applicationDomain())
                    || !decoded.text().contains("\nPay " + total.format() + " from my Normal Dance balance\n")) {
                throw new IllegalStateException("The message to sign does not match the quote; nothing was signed.");
            }
            String signature = Base58.encode(wallet.signSpending(message, total, spendingPolicy, password));
            return api.call("POST", "/api/v1/purchases", new PurchaseRequest(quote.id(), signature), Purchase.class,
                    Map.of("Idempotency-Key", key), true);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public SpendingLimits spendingLimits() {
        OffFxThread.require("Reading the spending limits");
        return spendingLedger.limits();
    }

    /** The password is checked by the wallet, with its back-off: whoever finds the app open cannot lift the limits. */
    @Override
    public void setSpendingLimits(SpendingLimits limits, char[] password) {
        try {
            OffFxThread.require("Changing the spending limits");
            SpendingLimits now = spendingLedger.limits();
            if (limits.perPurchase().compareTo(now.perPurchase()) > 0 || limits.perDay().compareTo(now.perDay()) > 0) {
                if (password == null || password.length == 0) {
                    throw new WalletException(WalletException.Kind.PASSWORD_REQUIRED,
                            "Raising a spending limit needs your password.");
                }
                wallet.verifyPassword(password);
            }
            spendingLedger.setLimits(limits);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public Topup topUp(long micros, String card, String key) {
        OffFxThread.require("Topping up");
        String method = card == null || card.isBlank() ? Topup.CHECKOUT : card;
        return api.call("POST", "/api/v1/me/topups", new TopupRequest(micros, method), Topup.class,
                Map.of("Idempotency-Key", key), true);
    }

    @Override
    public Topup topup(String id) {
        OffFxThread.require("Reading a top-up");
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("The server sent a top-up id that is not one");
        }
        return api.call("GET", "/api/v1/me/topups/" + id, null, Topup.class, Map.of(), true);
    }

    @Override
    public String withdrawalText(long amountMicros, String key) {
        return TokenMessages.withdrawal(key, amountMicros, wallet.address());
    }

    /**
     * The server builds the same words from the same facts and checks the signature over them, so what was shown is
     * what was signed.
     */
    @Override
    public Withdrawal withdraw(long amountMicros, String key) {
        return withdraw(amountMicros, key, null);
    }

    @Override
    public Withdrawal withdrawArtistEarnings(long amountMicros, String key) {
        return withdraw(amountMicros, key, WithdrawalRequest.FROM_ARTIST);
    }

    private Withdrawal withdraw(long amountMicros, String key, String from) {
        OffFxThread.require("Withdrawing");
        String signature = OffchainMessage.sign(wallet.signer(), TokenMessages.applicationDomain(),
                withdrawalText(amountMicros, key)).signatureBase58();
        return api.call("POST", "/api/v1/me/withdrawals", new WithdrawalRequest(amountMicros, wallet.address(),
                signature, from), Withdrawal.class, Map.of("Idempotency-Key", key), true);
    }

    @Override
    public char[] recoveryPhrase(char[] password) {
        OffFxThread.require("Reading the recovery phrase");
        try {
            return wallet.exportRecoveryPhrase(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
