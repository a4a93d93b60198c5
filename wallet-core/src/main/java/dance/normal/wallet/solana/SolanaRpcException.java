package dance.normal.wallet.solana;

import java.util.List;
import java.util.Optional;

/**
 * A JSON-RPC error from the Solana node: its code and message, and, when the runtime refused a transaction (preflight
 * simulation failed, bad signature, unknown blockhash), the runtime's {@code TransactionError} as JSON text, e.g.
 * {@code "BlockhashNotFound"} or {@code {"InstructionError":[0,{"Custom":1}]}}, with the program logs.
 */
public final class SolanaRpcException extends SolanaException {

    /** The node ran the transaction in preflight and the runtime refused it. */
    public static final int TRANSACTION_SIMULATION_FAILED = -32002;
    /** A signature of the transaction does not verify. */
    public static final int SIGNATURE_VERIFICATION_FAILURE = -32003;
    /** The request's parameters were refused. */
    public static final int INVALID_PARAMS = -32602;

    private final int code;
    private final String rpcMessage;
    private final String transactionError;
    private final List<String> logs;

    SolanaRpcException(String method, int code, String rpcMessage, String transactionError, List<String> logs) {
        super(method + " failed with RPC error " + code + ": " + rpcMessage
                + (transactionError == null ? "" : " (transaction error " + transactionError + ")"));
        this.code = code;
        this.rpcMessage = rpcMessage;
        this.transactionError = transactionError;
        this.logs = List.copyOf(logs);
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The node's error message. */
    public String rpcMessage() {
        return rpcMessage;
    }

    /** The runtime's transaction error as JSON text, when the node reported one. */
    public Optional<String> transactionError() {
        return Optional.ofNullable(transactionError);
    }

    /** Program logs of the failed simulation, if any. */
    public List<String> logs() {
        return logs;
    }
}
