package dance.normal.protocol.plays;

import java.util.UUID;

/**
 * What became of one play: recorded now, or already recorded before (a replay); whether it qualified and, either
 * way, why ({@link PlayReason#QUALIFIED} when it did).
 */
public record PlayReceipt(UUID id, Status status, boolean qualified, PlayReason reason) {

    public enum Status { RECORDED, DUPLICATE }
}
