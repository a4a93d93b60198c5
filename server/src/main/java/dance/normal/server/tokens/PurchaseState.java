package dance.normal.server.tokens;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of the purchase saga ({@link PurchaseService} has the table). Stored by name in
 * {@code purchases.state}.
 */
public enum PurchaseState {
    ACCEPTED, RESERVED, DEBITED, DELIVERED, RECORDED, COMPLETED, REJECTED, REFUNDED;

    /** Started and not finished: what {@link PurchaseService#resumeAll()} picks up. */
    public static final Set<PurchaseState> UNDER_WAY = EnumSet.of(ACCEPTED, RESERVED, DEBITED, DELIVERED, RECORDED);
    /** Holding supply back in {@code offerings.reserved}. */
    public static final Set<PurchaseState> RESERVING = EnumSet.of(RESERVED, DEBITED, DELIVERED);
    /** Counted in {@code offerings.sold}. */
    public static final Set<PurchaseState> SOLD = EnumSet.of(RECORDED, COMPLETED);
    /** The tokens are the buyer's. */
    public static final Set<PurchaseState> DELIVERED_TO_BUYER = EnumSet.of(DELIVERED, RECORDED, COMPLETED);
    /** The price sits in escrow. */
    public static final Set<PurchaseState> IN_ESCROW = EnumSet.of(DEBITED, DELIVERED);
    /** Counted against the buyer's cap: reserved or bought. */
    public static final Set<PurchaseState> AGAINST_CAP = EnumSet.of(RESERVED, DEBITED, DELIVERED, RECORDED, COMPLETED);

    /** Finished: the stored answer is the answer to every repeat. */
    public boolean finished() {
        return this == COMPLETED || this == REJECTED || this == REFUNDED;
    }
}
