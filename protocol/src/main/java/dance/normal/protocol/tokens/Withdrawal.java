package dance.normal.protocol.tokens;

import java.time.Instant;

/** A payout of earnings to a wallet. */
public record Withdrawal(String id, String state, long amountMicros, String wallet, String chainRef,
                         long availableAfterMicros, Instant createdAt) {
}
