package dance.normal.server.tokens;

import dance.normal.protocol.tokens.Withdrawal;

/** How a withdrawal request ended, for the route to answer. */
public sealed interface WithdrawalOutcome {

    Withdrawal withdrawal();

    /** Paid to the wallet. */
    record Paid(Withdrawal withdrawal) implements WithdrawalOutcome {
    }

    /** The chain has not paid yet; it is tried again by itself. */
    record Paying(Withdrawal withdrawal) implements WithdrawalOutcome {
    }

    /** The payout failed and the money is back in earnings. */
    record Returned(Withdrawal withdrawal) implements WithdrawalOutcome {
    }
}
