package dance.normal.protocol.plays;

import java.util.List;

/** Receipts in the order of the batch. */
public record PlayBatchResult(int recorded, int duplicates, List<PlayReceipt> receipts) {
}
