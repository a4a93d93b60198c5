package dance.normal.server.tokens;

/** The states of a withdrawal of earnings, stored by name in {@code withdrawals.state}. */
public enum WithdrawalState {
    /** The earnings left the ledger; the chain has not paid yet. */
    PENDING,
    /** The chain paid the wallet. */
    PAID,
    /** The chain refused for good; the money went back to earnings. */
    FAILED
}
