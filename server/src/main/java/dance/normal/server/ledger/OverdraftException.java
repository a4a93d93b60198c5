package dance.normal.server.ledger;

/** A transaction would take an account that may not go negative below zero; nothing was written. */
public final class OverdraftException extends IllegalArgumentException {

    private final String account;
    private final long balance;

    public OverdraftException(String account, long balance) {
        super("not enough in " + account + ": " + balance);
        this.account = account;
        this.balance = balance;
    }

    public String account() {
        return account;
    }

    /** The account's balance before the refused transaction, in micro-dollars. */
    public long balance() {
        return balance;
    }
}
