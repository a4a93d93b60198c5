package dance.normal.wallet.policy;

import dance.normal.protocol.Money;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.LegacyMessage;

/**
 * Decides whether the wallet may sign a message: it must decode to allowed instructions, and what it spends must
 * fit the listener's limits per purchase and per day; above them, or when its value cannot be known, the account
 * password is needed. Small purchases never ask for anything.
 */
public final class SigningPolicy {

    private final TransactionExplainer explainer;
    private final SpendingLedger ledger;

    public SigningPolicy(PriceBook prices, SpendingLedger ledger) {
        this.explainer = new TransactionExplainer(prices);
        this.ledger = ledger;
    }

    /** The preview and the decision for a message signed by {@code owner}. */
    public record Review(TransactionPreview preview, SigningDecision decision) {
    }

    public Review review(LegacyMessage message, Address owner) {
        TransactionPreview preview;
        try {
            preview = explainer.explain(message, owner);
        } catch (PolicyException e) {
            return new Review(null, new SigningDecision.Refuse(e.getMessage()));
        }
        return new Review(preview, decide(preview));
    }

    private SigningDecision decide(TransactionPreview preview) {
        if (preview.value().isEmpty()) {
            return new SigningDecision.NeedsPassword("This sends something whose dollar value is unknown.");
        }
        return decide(preview.value().get());
    }

    /**
     * The decision for spending {@code value} now, e.g. a purchase from the listener's balance authorised by an
     * off-chain message: allowed within the limit per purchase and what is left of today's, else the password.
     */
    public SigningDecision decide(Money value) {
        if (value.isNegative()) {
            return new SigningDecision.Refuse("A purchase cannot cost less than nothing.");
        }
        SpendingLimits limits = ledger.limits();
        if (value.compareTo(limits.perPurchase()) > 0) {
            return new SigningDecision.NeedsPassword("This purchase (" + value.format() + ") is above your limit of "
                    + limits.perPurchase().format() + " per purchase.");
        }
        Money today = ledger.spentToday().plus(value);
        if (today.compareTo(limits.perDay()) > 0) {
            return new SigningDecision.NeedsPassword("With this purchase you would spend " + today.format()
                    + " today, above your daily limit of " + limits.perDay().format() + ".");
        }
        return new SigningDecision.Allow();
    }

    /** Counts a signed transaction against today's limit. */
    public void signed(TransactionPreview preview) {
        preview.value().ifPresent(ledger::record);
    }

    /** Counts a signed spend against today's limit. */
    public void spent(Money value) {
        ledger.record(value);
    }

    /** The limits in force. */
    public SpendingLimits limits() {
        return ledger.limits();
    }
}
