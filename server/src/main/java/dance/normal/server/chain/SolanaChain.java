package dance.normal.server.chain;

import dance.normal.protocol.ProblemType;
import dance.normal.server.http.ApiException;
import dance.normal.wallet.keys.Signer;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.Instructions;
import dance.normal.wallet.solana.Programs;
import dance.normal.wallet.solana.SignedTransaction;
import dance.normal.wallet.solana.SolanaException;
import dance.normal.wallet.solana.SolanaRpc;
import dance.normal.wallet.solana.SolanaRpcException;
import dance.normal.wallet.solana.SolanaUnavailableException;
import dance.normal.wallet.solana.UnsignedTransaction;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solana mode: one SPL mint per track (decimals 0), its whole supply minted to the treasury's associated token
 * account; a purchase is a {@code transferChecked} from the treasury to the buyer's associated token account,
 * created idempotently in the same transaction. Withdrawals of earnings move the payout token (a 6-decimal dollar
 * token such as USDC, held by the treasury) the same way. JSON-RPC goes through wallet-core's {@link SolanaRpc};
 * the treasury key (mint authority, treasury owner, fee payer) is held by wallet-core ({@link ChainKeys}): a keystore
 * in the data dir, or a PKCS#11 token ({@link TreasuryPkcs11}) that signs without the key ever entering this process.
 *
 * <p>Exactly once: each transfer's signed transaction is written to {@code chain_deliveries} before it is sent. A
 * retry asks for that signature's status, resends the same bytes if it has not landed, and builds a new transaction
 * (under a fresh blockhash) only when the cluster says the old one's blockhash has expired, so it can never land.
 * When the cluster cannot be reached or does not confirm in time, the delivery is {@code Pending} and the purchase
 * service tries again later. A transfer the runtime refuses for good is {@code Failed} (the purchase is refunded).
 */
public final class SolanaChain implements Chain {

    private static final Logger LOG = LoggerFactory.getLogger(SolanaChain.class);
    private static final Duration CONFIRM = Duration.ofSeconds(20);
    /** A blockhash is good for about a minute on a real cluster; reuse one for at most this long. */
    private static final Duration BLOCKHASH_REUSE = Duration.ofSeconds(20);
    private static final long LOW_BALANCE = Instructions.LAMPORTS_PER_SOL / 10;
    /** Payout tokens are dollars in micro-dollars, as USDC is. */
    private static final int PAYOUT_DECIMALS = 6;

    private final SolanaRpc rpc;
    private final Signer treasury;
    private final Address authority;
    private final Optional<Address> payoutMint;
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private String blockhash;
    private long blockhashAt;

    SolanaChain(SolanaRpc rpc, Signer treasury, Optional<Address> payoutMint, Jdbi jdbi, Clock clock) {
        this.rpc = rpc;
        this.treasury = treasury;
        this.authority = Address.of(treasury.publicKey());
        this.payoutMint = payoutMint;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Opens the treasury key (in {@code hsm} when given, else in {@code dataDir}) and talks to the cluster at
     * {@code endpoint}; earnings are paid out in {@code payoutMint} (6 decimals), which the treasury must hold.
     *
     * @throws dance.normal.server.CannotStartException when the HSM's token, slot, key or PIN is wrong
     */
    public static SolanaChain open(URI endpoint, Optional<String> payoutMint, Optional<TreasuryPkcs11> hsm,
                                   Path dataDir, Jdbi jdbi, Clock clock) {
        Signer treasury = ChainKeys.treasury(dataDir, hsm);
        try {
            SolanaChain chain = new SolanaChain(new SolanaRpc(endpoint, SolanaRpc.Commitment.CONFIRMED,
                    Duration.ofSeconds(5)), treasury, payoutMint.map(Address::of), jdbi, clock);
            chain.checkFunds();
            return chain;
        } catch (RuntimeException e) {
            treasury.close();
            throw e;
        }
    }

    /** Closes the treasury key: logs out of the HSM, or zeroes the key held in memory. */
    @Override
    public void close() {
        treasury.close();
    }

    /** The treasury's address: it pays fees and rent (so it needs SOL) and holds the payout token. */
    @Override
    public Optional<String> treasuryOwner() {
        return Optional.of(authority.toBase58());
    }

    /** Warns (and, on clusters that allow it, asks for an airdrop) when the treasury is low on SOL. */
    private void checkFunds() {
        try {
            long lamports = rpc.getBalance(authority);
            if (lamports >= LOW_BALANCE) {
                LOG.info("Solana treasury {} holds {} lamports", authority, lamports);
                return;
            }
            try {
                rpc.awaitStatus(rpc.requestAirdrop(authority, 10 * Instructions.LAMPORTS_PER_SOL), CONFIRM);
                LOG.info("Solana treasury {} was low on SOL and received an airdrop", authority);
            } catch (SolanaException e) {
                LOG.warn("Solana treasury {} holds {} lamports; send it SOL for fees and rent", authority, lamports);
            }
        } catch (SolanaUnavailableException e) {
            LOG.warn("The Solana cluster cannot be reached now ({}); deliveries wait until it can", e.getMessage());
        }
    }

    @Override
    public String name() {
        return "solana";
    }

    @Override
    public MintAccounts openOffering(String trackId, long supply) {
        // The mint account's own key signs only its creation; nothing needs it afterwards.
        SoftwareSigner mintKey = SoftwareSigner.generate(random);
        try {
            Address mint = Address.of(mintKey.publicKey());
            Address account = Instructions.associatedTokenAddress(Programs.TOKEN, authority, mint);
            long rent = rpc.getMinimumBalanceForRentExemption(Instructions.MINT_SIZE);
            SignedTransaction tx = UnsignedTransaction.build(authority, recentBlockhash(),
                    Instructions.createAccount(authority, mint, rent, Instructions.MINT_SIZE, Programs.TOKEN),
                    Instructions.initializeMint(Programs.TOKEN, mint, 0, authority),
                    Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN, authority, authority, mint),
                    Instructions.mintTo(Programs.TOKEN, mint, account, authority, supply),
                    Instructions.memo("Normal Dance track " + trackId))
                    .sign(treasury, mintKey);
            SolanaRpc.SignatureStatus status = rpc.awaitStatus(rpc.sendTransaction(tx), CONFIRM);
            if (status.err().isPresent()) {
                throw new IllegalStateException("Minting track " + trackId + " failed: " + status.err().get());
            }
            LOG.info("Minted {} tokens of track {}: mint {}, treasury {}", supply, trackId, mint, account);
            return new MintAccounts(mint.toBase58(), account.toBase58());
        } catch (SolanaUnavailableException e) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503,
                    "The Solana cluster cannot be reached, so the offering was not opened; try again shortly.");
        } catch (SolanaRpcException e) {
            forgetBlockhash();
            throw new ApiException(ProblemType.UNAVAILABLE, 503,
                    "The Solana cluster refused to mint this track's tokens; try again shortly.");
        } finally {
            mintKey.close();
        }
    }

    @Override
    public Delivery deliver(TokenTransfer transfer) {
        return transfer(new Transfer(transfer.id(), Address.of(transfer.mint()), transfer.quantity(), 0,
                Address.of(transfer.wallet()), "Normal Dance purchase " + transfer.id()));
    }

    @Override
    public Delivery payOut(String id, long micros, String wallet) {
        if (payoutMint.isEmpty()) {
            return new Delivery.Failed("This server pays out no token on chain (start it with --payout-mint)");
        }
        return transfer(new Transfer(id, payoutMint.get(), micros, PAYOUT_DECIMALS, Address.of(wallet),
                "Normal Dance earnings " + id));
    }

    /** {@code amount} of {@code mint} from the treasury's token account to {@code to}'s, under reference id. */
    private record Transfer(String id, Address mint, long amount, int decimals, Address to, String memo) {
    }

    private Delivery transfer(Transfer transfer) {
        try {
            Optional<Sent> sent = sent(transfer.id());
            if (sent.isPresent()) {
                Optional<SolanaRpc.SignatureStatus> status = rpc.getSignatureStatus(sent.get().signature());
                if (status.isPresent()) {
                    return outcome(sent.get().signature(), status.get());
                }
                try {
                    rpc.sendTransaction(Base64.getDecoder().decode(sent.get().wire()));
                    return confirm(sent.get().signature());
                } catch (SolanaRpcException e) {
                    if (!isExpired(e)) {
                        return refused(transfer, e);
                    }
                    LOG.info("The blockhash of transfer {} expired before it landed; sending it anew", transfer.id());
                    forgetBlockhash();
                }
            }
            return sendNew(transfer, sent.map(Sent::signature).orElse(null));
        } catch (SolanaUnavailableException e) {
            return new Delivery.Pending("The Solana cluster did not answer: " + e.getMessage());
        }
    }

    /**
     * Builds, records and sends a new transfer; {@code replacing} is the expired one's signature, or null. A
     * transfer refused at once because its (cached) blockhash just expired never ran, so it is rebuilt once.
     */
    private Delivery sendNew(Transfer transfer, String replacing) {
        String previous = replacing;
        for (int attempt = 0; ; attempt++) {
            SignedTransaction tx = UnsignedTransaction.build(authority, recentBlockhash(),
                    Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN, authority, transfer.to(),
                            transfer.mint()),
                    Instructions.transferChecked(Programs.TOKEN,
                            Instructions.associatedTokenAddress(Programs.TOKEN, authority, transfer.mint()),
                            transfer.mint(),
                            Instructions.associatedTokenAddress(Programs.TOKEN, transfer.to(), transfer.mint()),
                            authority, transfer.amount(), transfer.decimals()),
                    Instructions.memo(transfer.memo()))
                    .sign(treasury);
            if (!record(transfer.id(), tx, previous)) {
                return new Delivery.Pending("Another attempt is making this transfer");
            }
            try {
                rpc.sendTransaction(tx);
                return confirm(tx.id());
            } catch (SolanaRpcException e) {
                if (!isExpired(e)) {
                    return refused(transfer, e);
                }
                forgetBlockhash();
                if (attempt == 1) {
                    return new Delivery.Pending("The cluster keeps refusing the blockhash; trying again later");
                }
                LOG.info("Transfer {} was refused for an expired blockhash; sending it anew", transfer.id());
                previous = tx.id();
            }
        }
    }

    private Delivery confirm(String signature) {
        return outcome(signature, rpc.awaitStatus(signature, CONFIRM));
    }

    private static Delivery outcome(String signature, SolanaRpc.SignatureStatus status) {
        return status.err().isEmpty() ? new Delivery.Done(signature)
                : new Delivery.Failed("The transfer failed on chain: " + status.err().get());
    }

    private Delivery refused(Transfer transfer, SolanaRpcException e) {
        if (e.transactionError().isEmpty() || e.transactionError().get().contains("AlreadyProcessed")) {
            return new Delivery.Pending("The cluster did not take the transfer yet: " + e.getMessage());
        }
        LOG.warn("The runtime refused transfer {}: {}", transfer.id(), e.getMessage());
        return new Delivery.Failed("The runtime refused the transfer: " + e.transactionError().get());
    }

    private static boolean isExpired(SolanaRpcException e) {
        return e.transactionError().map(t -> t.contains("BlockhashNotFound")).orElse(false);
    }

    private synchronized String recentBlockhash() {
        if (blockhash == null || clock.millis() - blockhashAt > BLOCKHASH_REUSE.toMillis()) {
            blockhash = rpc.getLatestBlockhash().blockhash();
            blockhashAt = clock.millis();
        }
        return blockhash;
    }

    private synchronized void forgetBlockhash() {
        blockhash = null;
    }

    private record Sent(String signature, String wire) {
    }

    private Optional<Sent> sent(String purchaseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT signature, wire FROM chain_deliveries "
                        + "WHERE transfer_id = :id").bind("id", purchaseId)
                .map((rs, ctx) -> new Sent(rs.getString("signature"), rs.getString("wire"))).findOne());
    }

    /**
     * Writes the transaction before it is sent; false when another attempt got there first (then this one must not
     * be sent). Replacing is compare-and-set on the expired signature.
     */
    private boolean record(String purchaseId, SignedTransaction tx, String replacing) {
        long now = clock.millis();
        try {
            return jdbi.withHandle(h -> replacing != null
                    ? h.createUpdate("UPDATE chain_deliveries SET signature = :sig, wire = :wire, "
                            + "attempts = attempts + 1, updated_at = :now WHERE transfer_id = :id AND signature = :old")
                    .bind("sig", tx.id()).bind("wire", tx.toBase64()).bind("now", now).bind("id", purchaseId)
                    .bind("old", replacing).execute() == 1
                    : h.createUpdate("INSERT INTO chain_deliveries (transfer_id, signature, wire, attempts, "
                            + "created_at, updated_at) VALUES (:id, :sig, :wire, 1, :now, :now)")
                    .bind("id", purchaseId).bind("sig", tx.id()).bind("wire", tx.toBase64()).bind("now", now)
                    .execute() == 1);
        } catch (RuntimeException e) {
            if (sent(purchaseId).isPresent()) {
                return false;
            }
            throw e;
        }
    }

}
