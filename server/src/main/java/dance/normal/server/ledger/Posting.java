package dance.normal.server.ledger;

import java.util.Objects;

/**
 * One line of a ledger transaction: money into an account (positive) or out of it (negative), in micro-dollars.
 * A transaction's postings sum to zero.
 *
 * @param account an account name, e.g. {@code listener:<id>:balance}, {@code artist:<id>}, {@code platform:fees}, or
 *                {@code external:<source>} for money entering or leaving the system (the only kind that may go
 *                below zero)
 * @param amount  micro-dollars, not zero
 */
public record Posting(String account, long amount) {

    public Posting {
        Objects.requireNonNull(account, "account");
        if (account.isBlank() || account.length() > 120) {
            throw new IllegalArgumentException("account name must be 1 to 120 characters");
        }
        if (amount == 0) {
            throw new IllegalArgumentException("a posting moves money: amount must not be zero");
        }
    }

    /** Whether the account may hold less than nothing: only the outside world's. */
    public static boolean mayGoNegative(String account) {
        return account.startsWith("external:");
    }
}
