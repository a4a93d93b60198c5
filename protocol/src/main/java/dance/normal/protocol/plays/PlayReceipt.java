package dance.normal.protocol.plays;

import java.util.UUID;

/** What became of one play: recorded now, or already recorded before (a replay); whether it qualified. */
public record PlayReceipt(UUID id, Status status, boolean qualified) {

    public enum Status { RECORDED, DUPLICATE }
}
