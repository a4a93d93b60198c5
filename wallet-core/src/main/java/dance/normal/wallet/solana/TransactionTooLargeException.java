package dance.normal.wallet.solana;

/**
 * A transaction larger than a Solana packet (1,232 bytes on the wire, signatures included). Validators drop such
 * transactions, so wallet-core refuses them before signing or sending.
 */
public final class TransactionTooLargeException extends SolanaException {

    private final int size;

    TransactionTooLargeException(int size) {
        super("The transaction is " + size + " bytes; a Solana transaction may be at most "
                + SignedTransaction.MAX_SIZE + " bytes (signatures included)");
        this.size = size;
    }

    /** The transaction's size on the wire, in bytes. */
    public int size() {
        return size;
    }

    /** The largest size allowed, in bytes. */
    public int limit() {
        return SignedTransaction.MAX_SIZE;
    }
}
