package dance.normal.server.chain;

import java.util.Optional;

/**
 * Where track tokens live. The ledger adapter keeps them in the server's database (the embedded default); the Solana
 * adapter mints an SPL token per track and moves tokens on chain. Either way the server's {@code token_holdings} table
 * mirrors who holds what, and every transfer was authorised by the buyer's wallet signature, checked before a
 * purchase starts.
 */
public interface Chain extends AutoCloseable {

    /** "ledger" or "solana". */
    String name();

    /** Creates the track's mint and treasury holding {@code supply} tokens; nulls in ledger mode. */
    MintAccounts openOffering(String trackId, long supply);

    /**
     * Moves a purchase's tokens from the track's treasury to the buyer's wallet. Must be idempotent per purchase
     * id: called again after a crash or a timeout, it never moves the tokens twice.
     */
    Delivery deliver(TokenTransfer transfer);

    /**
     * Pays {@code micros} of a holder's earnings to {@code wallet} (withdrawal {@code id}); idempotent per id like
     * {@link #deliver}. In ledger mode the ledger entry is the payout.
     */
    Delivery payOut(String id, long micros, String wallet);

    /** The address that holds treasuries and pays fees on chain, for operators to fund; empty in ledger mode. */
    default Optional<String> treasuryOwner() {
        return Optional.empty();
    }

    /** Releases the keys the chain holds (an HSM session); the server calls it when it stops. */
    @Override
    default void close() {
    }

    /** The addresses of a track's mint and treasury token account (null in ledger mode). */
    record MintAccounts(String mint, String treasury) {
    }

    /** What to deliver: {@code quantity} tokens of {@code mint} to {@code wallet}, for purchase {@code id}. */
    record TokenTransfer(String id, String trackId, String mint, long quantity, String wallet) {
    }

    /** The outcome of a delivery attempt. */
    sealed interface Delivery {
        /** Delivered; {@code reference} says where it is recorded (a transaction signature on chain). */
        record Done(String reference) implements Delivery {
        }

        /** Not yet (the cluster is congested or unreachable): try again later; nothing is lost. */
        record Pending(String reason) implements Delivery {
        }

        /** Cannot be delivered, ever; the purchase is refunded. */
        record Failed(String reason) implements Delivery {
        }
    }
}
