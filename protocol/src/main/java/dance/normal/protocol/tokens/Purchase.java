package dance.normal.protocol.tokens;

import java.time.Instant;

/**
 * A purchase and where it stands.
 *
 * @param state    ACCEPTED, RESERVED, DEBITED, DELIVERED, RECORDED (under way), COMPLETED, REJECTED (nothing was
 *                 taken) or REFUNDED (the money was returned)
 * @param failure  why it was rejected or refunded, in one sentence; null otherwise
 * @param chainRef where the delivery is recorded: a ledger reference or a Solana transaction signature
 * @param receipt  set once completed
 */
public record Purchase(String id, String state, String trackId, long quantity, long totalMicros, String wallet,
                       String failure, String chainRef, Receipt receipt, Instant createdAt, Instant updatedAt) {

    /** Whether nothing more will happen to it. */
    public boolean finished() {
        return state.equals("COMPLETED") || state.equals("REJECTED") || state.equals("REFUNDED");
    }
}
