package dance.normal.wallet.policy;

import dance.normal.protocol.Money;

/** The listener's own limits, in dollars: above either one, the account password is asked again. */
public record SpendingLimits(Money perPurchase, Money perDay) {

    /** What a new wallet starts with: $20 a purchase, $50 a day. */
    public static final SpendingLimits DEFAULT = new SpendingLimits(Money.of(20, 0), Money.of(50, 0));

    public SpendingLimits {
        if (perPurchase.isNegative() || perDay.isNegative()) {
            throw new IllegalArgumentException("Spending limits cannot be negative.");
        }
    }
}
