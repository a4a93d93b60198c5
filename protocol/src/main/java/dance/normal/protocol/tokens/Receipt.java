package dance.normal.protocol.tokens;

import java.time.Instant;

/** What a completed purchase bought and where the money went. */
public record Receipt(String purchaseId, String trackId, String trackTitle, String artistName, long quantity,
                     long totalMicros, long artistMicros, long feeMicros, long holdingAfter, long balanceAfterMicros,
                     Instant at) {
}
