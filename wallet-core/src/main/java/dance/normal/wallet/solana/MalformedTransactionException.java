package dance.normal.wallet.solana;

/** Bytes that are not a well-formed legacy transaction or message; says what is wrong and at which byte. */
public final class MalformedTransactionException extends SolanaException {

    private final int offset;

    MalformedTransactionException(String problem, int offset) {
        super(problem + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** The byte offset where the problem was found. */
    public int offset() {
        return offset;
    }
}
