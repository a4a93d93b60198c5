package dance.normal.wallet.solana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thin Solana JSON-RPC client over {@code java.net.http} and Jackson, for the calls wallet-core needs. Unlike
 * solanaj's RpcClient it sends with preflight on (a transaction the runtime would refuse comes back as a
 * {@link SolanaRpcException} carrying the runtime's error instead of a signature that never lands), surfaces the
 * {@code err} of signature statuses, and reads lamports and token amounts as exact {@code long}s, never doubles.
 *
 * <p>Thread-safe; calls block, so run them on virtual threads. Every failure is a {@link SolanaException}.
 */
public final class SolanaRpc implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SolanaRpc.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How settled the state a call reads (or a preflight runs against) must be. */
    public enum Commitment {
        PROCESSED, CONFIRMED, FINALIZED;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A blockhash to build a transaction on, and the last block height at which it is still accepted. */
    public record LatestBlockhash(String blockhash, long lastValidBlockHeight) {
    }

    /**
     * Where a transaction stands.
     *
     * @param slot               the slot it was processed in
     * @param confirmations      blocks since, absent once rooted
     * @param err                the runtime's error as JSON text when it failed (fee paid, effects undone)
     * @param confirmationStatus processed, confirmed or finalized, when the node says
     */
    public record SignatureStatus(long slot, OptionalLong confirmations, Optional<String> err,
                                  Optional<String> confirmationStatus) {

        /** Whether the transaction landed and ran without error. */
        public boolean succeeded() {
            return err.isEmpty();
        }
    }

    /** A token account's balance in base units of its mint, and the mint's decimals. */
    public record TokenAmount(long amount, int decimals) {
    }

    /**
     * An account's state.
     *
     * @param lamports   its balance
     * @param owner      the program that owns it
     * @param data       its data (copied in and out)
     * @param executable whether it is a program
     */
    public record AccountInfo(long lamports, Address owner, byte[] data, boolean executable) {

        public AccountInfo {
            Objects.requireNonNull(owner, "owner");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AccountInfo that && lamports == that.lamports && owner.equals(that.owner)
                    && Arrays.equals(data, that.data) && executable == that.executable;
        }

        @Override
        public int hashCode() {
            return Objects.hash(lamports, owner, Arrays.hashCode(data), executable);
        }

        @Override
        public String toString() {
            return "AccountInfo[lamports=" + lamports + ", owner=" + owner + ", data=" + data.length
                    + " bytes, executable=" + executable + "]";
        }
    }

    /** The outcome of simulating a transaction: the runtime's error (JSON text) if it would fail, and the logs. */
    public record Simulation(Optional<String> err, List<String> logs, OptionalLong unitsConsumed) {

        public Simulation {
            logs = List.copyOf(logs);
        }
    }

    private final URI endpoint;
    private final Commitment commitment;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    /** A client for {@code endpoint} reading at {@link Commitment#CONFIRMED}, with a 30-second timeout. */
    public SolanaRpc(URI endpoint) {
        this(endpoint, Commitment.CONFIRMED, Duration.ofSeconds(30));
    }

    public SolanaRpc(URI endpoint, Commitment commitment, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.commitment = Objects.requireNonNull(commitment, "commitment");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public LatestBlockhash getLatestBlockhash() {
        JsonNode value = call("getLatestBlockhash", commitmentConfig()).path("value");
        return new LatestBlockhash(text(value, "blockhash", "getLatestBlockhash"),
                integer(value.path("lastValidBlockHeight"), "getLatestBlockhash lastValidBlockHeight"));
    }

    /**
     * Sends a signed transaction (base64, preflight on) and returns its id. The node simulates it first: a
     * transaction the runtime refuses (bad signature, unknown or expired blockhash, failing instruction) comes back
     * as a {@link SolanaRpcException} whose {@link SolanaRpcException#transactionError()} says why.
     */
    public String sendTransaction(SignedTransaction transaction) {
        return sendTransaction(transaction.wireBytes());
    }

    /**
     * Sends wire bytes as {@link #sendTransaction(SignedTransaction)} does, after checking their size.
     *
     * @throws TransactionTooLargeException before anything is sent, when the bytes exceed 1,232
     */
    public String sendTransaction(byte[] wire) {
        if (wire.length > SignedTransaction.MAX_SIZE) {
            throw new TransactionTooLargeException(wire.length);
        }
        ObjectNode config = JSON.createObjectNode()
                .put("encoding", "base64")
                .put("skipPreflight", false)
                .put("preflightCommitment", commitment.json());
        JsonNode result = call("sendTransaction", Base64.getEncoder().encodeToString(wire), config);
        if (!result.isTextual()) {
            throw unexpected("sendTransaction", "no signature in the answer");
        }
        return result.asText();
    }

    /** Runs a signed transaction in the node's runtime without committing it. */
    public Simulation simulateTransaction(SignedTransaction transaction) {
        ObjectNode config = JSON.createObjectNode()
                .put("encoding", "base64")
                .put("sigVerify", true)
                .put("commitment", commitment.json());
        JsonNode value = call("simulateTransaction", transaction.toBase64(), config).path("value");
        List<String> logs = new ArrayList<>();
        value.path("logs").forEach(line -> logs.add(line.asText()));
        JsonNode units = value.path("unitsConsumed");
        return new Simulation(error(value.path("err")), logs,
                units.canConvertToLong() ? OptionalLong.of(units.longValue()) : OptionalLong.empty());
    }

    /** The status of each signature, in order; empty for a signature the node does not know. */
    public List<Optional<SignatureStatus>> getSignatureStatuses(List<String> signatures) {
        if (signatures.size() > 256) {
            throw new IllegalArgumentException("At most 256 signatures per call, not " + signatures.size());
        }
        ArrayNode list = JSON.createArrayNode();
        signatures.forEach(list::add);
        JsonNode value = call("getSignatureStatuses", list,
                JSON.createObjectNode().put("searchTransactionHistory", true)).path("value");
        if (!value.isArray() || value.size() != signatures.size()) {
            throw unexpected("getSignatureStatuses", "expected " + signatures.size() + " statuses");
        }
        List<Optional<SignatureStatus>> statuses = new ArrayList<>(signatures.size());
        for (JsonNode status : value) {
            if (status.isNull()) {
                statuses.add(Optional.empty());
                continue;
            }
            JsonNode confirmations = status.path("confirmations");
            JsonNode confirmationStatus = status.path("confirmationStatus");
            statuses.add(Optional.of(new SignatureStatus(
                    integer(status.path("slot"), "getSignatureStatuses slot"),
                    confirmations.canConvertToLong() ? OptionalLong.of(confirmations.longValue())
                            : OptionalLong.empty(),
                    error(status.path("err")),
                    confirmationStatus.isTextual() ? Optional.of(confirmationStatus.asText()) : Optional.empty())));
        }
        return statuses;
    }

    /** The status of one signature; empty while the node does not know it. */
    public Optional<SignatureStatus> getSignatureStatus(String signature) {
        return getSignatureStatuses(List.of(signature)).getFirst();
    }

    /**
     * Polls until the node knows {@code signature}'s status, then returns it (check {@link SignatureStatus#err()}).
     *
     * @throws SolanaUnavailableException when {@code timeout} passes first
     */
    public SignatureStatus awaitStatus(String signature, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<SignatureStatus> status = getSignatureStatus(signature);
            if (status.isPresent()) {
                return status.get();
            }
            if (System.nanoTime() > deadline) {
                throw new SolanaUnavailableException("Transaction " + signature + " has no status after " + timeout);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SolanaUnavailableException("Interrupted while waiting for " + signature, e);
            }
        }
    }

    /** The balance of {@code account} in lamports. */
    public long getBalance(Address account) {
        return integer(call("getBalance", account.toBase58(), commitmentConfig()).path("value"), "getBalance");
    }

    /** The balance of SPL token account {@code tokenAccount}; an RPC error when it is not a token account. */
    public TokenAmount getTokenAccountBalance(Address tokenAccount) {
        JsonNode value = call("getTokenAccountBalance", tokenAccount.toBase58(), commitmentConfig()).path("value");
        String amount = text(value, "amount", "getTokenAccountBalance");
        long parsed;
        try {
            parsed = Long.parseLong(amount);
        } catch (NumberFormatException e) {
            throw unexpected("getTokenAccountBalance", "amount \"" + amount + "\" is not a whole number up to 2^63-1");
        }
        JsonNode decimals = value.path("decimals");
        if (!decimals.canConvertToInt()) {
            throw unexpected("getTokenAccountBalance", "no decimals");
        }
        return new TokenAmount(parsed, decimals.intValue());
    }

    /** The account's state, or empty when it does not exist. */
    public Optional<AccountInfo> getAccountInfo(Address account) {
        ObjectNode config = commitmentConfig().put("encoding", "base64");
        JsonNode value = call("getAccountInfo", account.toBase58(), config).path("value");
        if (value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode data = value.path("data");
        if (!data.isArray() || !"base64".equals(data.path(1).asText())) {
            throw unexpected("getAccountInfo", "data is not base64");
        }
        return Optional.of(new AccountInfo(
                integer(value.path("lamports"), "getAccountInfo lamports"),
                Address.of(text(value, "owner", "getAccountInfo")),
                Base64.getDecoder().decode(data.path(0).asText()),
                value.path("executable").asBoolean()));
    }

    /** The lamports an account of {@code dataLength} bytes needs to be rent-exempt. */
    public long getMinimumBalanceForRentExemption(int dataLength) {
        return integer(call("getMinimumBalanceForRentExemption", dataLength, commitmentConfig()),
                "getMinimumBalanceForRentExemption");
    }

    /** Asks the cluster's faucet (localnet, devnet, the test runtime) for lamports; returns the airdrop's id. */
    public String requestAirdrop(Address account, long lamports) {
        JsonNode result = call("requestAirdrop", account.toBase58(), lamports, commitmentConfig());
        if (!result.isTextual()) {
            throw unexpected("requestAirdrop", "no signature in the answer");
        }
        return result.asText();
    }

    /**
     * Calls {@code method} and returns its {@code result}. Parameters are JSON values, or Java strings, numbers and
     * booleans.
     */
    JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", ids.incrementAndGet())
                .put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(JSON.valueToTree(param));
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON-RPC request", e);
        }
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SolanaUnavailableException(method + ": the Solana node at " + endpoint + " cannot be reached ("
                    + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SolanaUnavailableException(method + ": interrupted", e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new SolanaUnavailableException(method + ": the Solana node at " + endpoint + " answered HTTP "
                    + response.statusCode() + " without JSON-RPC ("
                    + new String(response.body(), 0, Math.min(200, response.body().length), StandardCharsets.UTF_8)
                    + ")");
        }
        JsonNode error = answer.path("error");
        if (error.isObject()) {
            JsonNode data = error.path("data");
            List<String> logs = new ArrayList<>();
            data.path("logs").forEach(line -> logs.add(line.asText()));
            SolanaRpcException failure = new SolanaRpcException(method, error.path("code").asInt(),
                    error.path("message").asText(), error(data.path("err")).orElse(null), logs);
            LOG.debug("{}", failure.getMessage());
            throw failure;
        }
        if (response.statusCode() != 200 || !answer.has("result")) {
            throw new SolanaUnavailableException(method + ": the Solana node at " + endpoint + " answered HTTP "
                    + response.statusCode() + " without a result");
        }
        return answer.get("result");
    }

    private ObjectNode commitmentConfig() {
        return JSON.createObjectNode().put("commitment", commitment.json());
    }

    private static Optional<String> error(JsonNode err) {
        return err.isMissingNode() || err.isNull() ? Optional.empty() : Optional.of(err.toString());
    }

    private static long integer(JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw unexpected(what, "expected a whole number, got " + node);
        }
        return node.longValue();
    }

    private static String text(JsonNode parent, String field, String method) {
        JsonNode node = parent.path(field);
        if (!node.isTextual()) {
            throw unexpected(method, "no " + field);
        }
        return node.asText();
    }

    private static SolanaUnavailableException unexpected(String method, String problem) {
        return new SolanaUnavailableException(method + ": unexpected answer from the Solana node: " + problem);
    }

    @Override
    public void close() {
        http.close();
    }
}
