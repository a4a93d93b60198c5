package dance.normal.wallet.solana;

/** The Solana RPC node could not be reached, timed out, or answered with something that is not JSON-RPC. */
public final class SolanaUnavailableException extends SolanaException {

    SolanaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    SolanaUnavailableException(String message) {
        super(message);
    }
}
