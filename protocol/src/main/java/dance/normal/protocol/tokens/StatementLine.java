package dance.normal.protocol.tokens;

import java.time.Instant;

/**
 * One movement of money in an account, as a statement shows it.
 *
 * @param account           which of the caller's accounts: {@code balance}, {@code earnings} or {@code artist}
 * @param kind              topup, purchase, refund, settlement, withdrawal, ...
 * @param memo              where the money came from or went, in words
 * @param amountMicros      into the account (positive) or out of it (negative)
 * @param balanceAfterMicros the account's balance after this line
 */
public record StatementLine(long seq, Instant at, String account, String kind, String memo, long amountMicros,
                            long balanceAfterMicros) {
}
