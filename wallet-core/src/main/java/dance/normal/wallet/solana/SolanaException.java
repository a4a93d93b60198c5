package dance.normal.wallet.solana;

/**
 * Something about a Solana transaction or the cluster went wrong. The subclasses say what: a malformed or oversized
 * transaction, an error answered by the RPC node (including the runtime refusing a transaction), or a node that could
 * not be reached. Messages never contain key material.
 */
public abstract sealed class SolanaException extends RuntimeException
        permits MalformedTransactionException, TransactionTooLargeException, SolanaRpcException,
        SolanaUnavailableException {

    SolanaException(String message) {
        super(message);
    }

    SolanaException(String message, Throwable cause) {
        super(message, cause);
    }
}
