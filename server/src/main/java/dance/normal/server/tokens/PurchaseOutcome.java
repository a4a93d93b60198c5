package dance.normal.server.tokens;

import dance.normal.protocol.tokens.Purchase;

/**
 * How a purchase request ended, for the route to answer. A finished purchase carries the document stored when it
 * finished, so a repeat with the same Idempotency-Key gets the first answer byte for byte.
 */
public sealed interface PurchaseOutcome {

    /** The tokens are the buyer's: the Purchase with its receipt. */
    record Completed(String purchaseJson) implements PurchaseOutcome {
    }

    /** Delivery failed for good and the money went back to the balance: the Purchase saying so. */
    record Refunded(String purchaseJson) implements PurchaseOutcome {
    }

    /** Refused before any money moved: the problem document, with its status. */
    record Rejected(int status, String problemJson) implements PurchaseOutcome {
    }

    /** Paid and waiting for the chain to deliver; followed by polling the purchase. */
    record Waiting(Purchase purchase) implements PurchaseOutcome {
    }
}
