package dance.normal.server.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Listening;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.Instructions;
import dance.normal.wallet.solana.LiteSvm;
import dance.normal.wallet.solana.Programs;
import dance.normal.wallet.solana.SignedTransaction;
import dance.normal.wallet.solana.SolanaRpc;
import dance.normal.wallet.solana.UnsignedTransaction;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Solana mode against the real Solana runtime (npm litesvm behind the JSON-RPC shim on loopback): the server is
 * started as {@code ./nd server --chain solana --rpc URL} would start it, mints each offering's supply to its
 * treasury, and delivers purchases on chain.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SolanaModeIT {

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    private LiteSvm svm;
    private TestServer server;

    @BeforeEach
    void start() {
        svm = LiteSvm.start();
        server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(
                c.money().withChain("solana", Optional.of(svm.endpoint())))));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (svm != null) {
            svm.close();
        }
    }

    @Test
    void anOfferingIsAMintWhoseSupplySitsInTheTreasuryAndAPurchaseLandsInTheBuyersTokenAccount() {
        Market m = Market.open(server, 100, 250_000, 1_000, null);
        Address mint = Address.of(m.offering().get("mint").asText());
        Address treasury = Address.of(m.offering().get("treasury").asText());
        assertThat(m.offering().get("chain").asText()).isEqualTo("solana");
        assertThat(svm.rpc().getTokenAccountBalance(treasury)).isEqualTo(new SolanaRpc.TokenAmount(100, 0));
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(5_000_000);

        HttpResponse<String> bought = buyer.buy(m.trackId(), 3);

        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        JsonNode purchase = TestServer.json(bought);
        String signature = purchase.get("chainRef").asText();
        assertThat(svm.rpc().getSignatureStatus(signature)).hasValueSatisfying(s ->
                assertThat(s.succeeded()).isTrue());
        assertThat(tokens(buyer, mint)).isEqualTo(3);
        assertThat(svm.rpc().getTokenAccountBalance(treasury).amount()).isEqualTo(97);
        assertThat(buyer.holding(m.trackId())).isEqualTo(3);
        assertThat(buyer.balance()).isEqualTo(5_000_000 - 750_000);
    }

    @Test
    void aDeliveryWhoseBlockhashExpiredIsSentAgainUnderAFreshOneAndLandsOnce() {
        Market m = Market.open(server, 100, 10_000, 0, null);
        Address mint = Address.of(m.offering().get("mint").asText());
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(1_000_000);
        assertThat(buyer.buy(m.trackId(), 1).statusCode()).isEqualTo(201);

        svm.expireBlockhash(); // the server still holds the blockhash it used a moment ago
        HttpResponse<String> second = buyer.buy(m.trackId(), 2);

        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(tokens(buyer, mint)).isEqualTo(3);
        assertThat(svm.rpc().getTokenAccountBalance(Address.of(m.offering().get("treasury").asText())).amount())
                .isEqualTo(97);
    }

    @Test
    void aClusterThatStopsAnsweringDuringDeliveryLosesNothingOnceItIsBack() throws Exception {
        Market m = Market.open(server, 100, 10_000, 0, null);
        Address mint = Address.of(m.offering().get("mint").asText());
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(1_000_000);

        svm.pause();
        HttpResponse<String> waiting;
        try {
            waiting = buyer.buy(m.trackId(), 4);
        } finally {
            svm.resume();
        }

        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        String id = TestServer.json(waiting).get("id").asText();
        assertThat(buyer.balance()).as("paid, held in escrow until delivery").isEqualTo(960_000);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!buyer.get("/api/v1/me/purchases/" + id).get("state").asText().equals("COMPLETED")) {
            assertThat(Instant.now()).as("the purchase finishes once the cluster answers").isBefore(deadline);
            Thread.sleep(250);
        }
        assertThat(tokens(buyer, mint)).isEqualTo(4);
        assertThat(svm.rpc().getTokenAccountBalance(Address.of(m.offering().get("treasury").asText())).amount())
                .isEqualTo(96);
        assertThat(buyer.holding(m.trackId())).isEqualTo(4);
        assertThat(buyer.balance()).isEqualTo(960_000);
    }

    @Test
    void aLedgerModeDeploymentMovesToSolanaByConfigurationAlone() throws Exception {
        TestServer ledger = TestServer.start(Databases.Kind.SQLITE, c -> c);
        Market m = Market.open(ledger, 50, 10_000, 1_000, null);
        Buyer buyer = Buyer.signUp(ledger);
        buyer.fund(1_000_000);
        assertThat(buyer.buy(m.trackId(), 5).statusCode()).isEqualTo(201);
        assertThat(m.offering().get("chain").asText()).isEqualTo("ledger");
        ledger.server().close(); // the data dir stays

        try (TestServer solana = TestServer.restart(ledger.dataDir(), c -> c.withMoney(
                c.money().withChain("solana", Optional.of(svm.endpoint()))))) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            JsonNode offering = TestServer.json(solana.get("/api/v1/offerings/" + m.trackId(), null));
            while (!offering.get("chain").asText().equals("solana") || offering.get("mint").isNull()) {
                assertThat(Instant.now()).as("the offering is minted on chain").isBefore(deadline);
                Thread.sleep(250);
                offering = TestServer.json(solana.get("/api/v1/offerings/" + m.trackId(), null));
            }
            Address mint = Address.of(offering.get("mint").asText());
            Buyer same = buyer.on(solana);
            while (balanceOrZero(same, mint) != 5) {
                assertThat(Instant.now()).as("tokens bought in ledger mode arrive on chain").isBefore(deadline);
                Thread.sleep(250);
            }
            assertThat(same.buy(m.trackId(), 2).statusCode()).isEqualTo(201);
            assertThat(tokens(same, mint)).isEqualTo(7);
            assertThat(svm.rpc().getTokenAccountBalance(Address.of(offering.get("treasury").asText())).amount())
                    .isEqualTo(43);
            assertThat(same.holding(m.trackId())).isEqualTo(7);
            MoneyInvariants.check(solana, Files.readString(solana.dataDir().resolve("admin-token")).strip());
        }
    }

    @Test
    void aHolderWithdrawsEarningsAsThePayoutTokenToTheirWallet() throws Exception {
        // A 6-decimal dollar token (a stand-in for USDC), made by someone else, as on a real cluster.
        SoftwareSigner issuer = SoftwareSigner.generate(new SecureRandom());
        SoftwareSigner usdKey = SoftwareSigner.generate(new SecureRandom());
        Address usd = Address.of(usdKey.publicKey());
        Address issuerAddress = Address.of(issuer.publicKey());
        SolanaRpc rpc = svm.rpc();
        rpc.awaitStatus(rpc.requestAirdrop(issuerAddress, Instructions.LAMPORTS_PER_SOL), Duration.ofSeconds(20));
        land(UnsignedTransaction.build(issuerAddress, rpc.getLatestBlockhash().blockhash(),
                Instructions.createAccount(issuerAddress, usd, rpc.getMinimumBalanceForRentExemption(
                        Instructions.MINT_SIZE), Instructions.MINT_SIZE, Programs.TOKEN),
                Instructions.initializeMint(Programs.TOKEN, usd, 6, issuerAddress)).sign(issuer, usdKey));
        try (TestServer paying = TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money()
                .withChain("solana", Optional.of(svm.endpoint())).withPayoutMint(usd.toBase58())))) {
            String admin = Files.readString(paying.dataDir().resolve("admin-token")).strip();
            JsonNode chain = TestServer.json(paying.get("/api/v1/admin/chain", admin));
            assertThat(chain.get("mode").asText()).isEqualTo("solana");
            assertThat(chain.get("payoutMint").asText()).isEqualTo(usd.toBase58());
            Address treasury = Address.of(chain.get("treasury").asText());
            land(UnsignedTransaction.build(issuerAddress, rpc.getLatestBlockhash().blockhash(),
                    Instructions.createAssociatedTokenAccountIdempotent(Programs.TOKEN, issuerAddress, treasury, usd),
                    Instructions.mintTo(Programs.TOKEN, usd, Instructions.associatedTokenAddress(Programs.TOKEN,
                            treasury, usd), issuerAddress, 1_000_000_000L)).sign(issuer));
            Market m = Market.open(paying, 10, 10_000, 5_000, null);
            Buyer holder = Buyer.signUp(paying);
            holder.fund(1_000_000);
            assertThat(holder.buy(m.trackId(), 10).statusCode()).isEqualTo(201);
            for (int listener = 0; listener < 5; listener++) { // streamed first; 20 a day each is what pays
                JsonNode heard = Listening.listenAndSend(paying, Buyer.signUp(paying).token(), m.trackId(), 20,
                        2_000);
                heard.get("receipts").forEach(r -> assertThat(r.get("qualified").asBoolean()).isTrue());
            }
            assertThat(paying.send(paying.request("/api/v1/admin/settlements").header("Authorization",
                    "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(201);
            // 100 plays x $0.004 = $0.40; artist side $0.36; holders 50% = $0.18, all to this holder.
            assertThat(holder.get("/api/v1/me/earnings").get("availableMicros").asLong()).isEqualTo(180_000);

            String key = UUID.randomUUID().toString();
            HttpResponse<String> paid = holder.send("/api/v1/me/withdrawals", Map.of("amountMicros", 150_000,
                    "wallet", holder.address(), "signature", holder.signWithdrawal(key, 150_000)), key);

            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
            JsonNode withdrawal = TestServer.json(paid);
            assertThat(withdrawal.get("state").asText()).isEqualTo("PAID");
            assertThat(rpc.getSignatureStatus(withdrawal.get("chainRef").asText())).isPresent();
            assertThat(rpc.getTokenAccountBalance(Instructions.associatedTokenAddress(Programs.TOKEN,
                    Address.of(holder.address()), usd))).isEqualTo(new SolanaRpc.TokenAmount(150_000, 6));
            assertThat(holder.get("/api/v1/me/earnings").get("availableMicros").asLong()).isEqualTo(30_000);
            MoneyInvariants.check(paying, admin);
        }
    }

    @Test
    void withoutAPayoutTokenAWithdrawalFailsAndTheEarningsComeBack() throws Exception {
        Market m = Market.open(server, 10, 10_000, 5_000, null);
        Buyer holder = Buyer.signUp(server);
        holder.fund(1_000_000);
        assertThat(holder.buy(m.trackId(), 10).statusCode()).isEqualTo(201);
        Listening.listenAndSend(server, Buyer.signUp(server).token(), m.trackId(), 10, 2_000);
        String admin = Files.readString(server.dataDir().resolve("admin-token")).strip();
        server.send(server.request("/api/v1/admin/settlements").header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(holder.get("/api/v1/me/earnings").get("availableMicros").asLong()).isEqualTo(18_000);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> failed = holder.send("/api/v1/me/withdrawals", Map.of("amountMicros", 18_000,
                "wallet", holder.address(), "signature", holder.signWithdrawal(key, 18_000)), key);

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
        assertThat(TestServer.json(failed).get("state").asText()).isEqualTo("FAILED");
        JsonNode earnings = holder.get("/api/v1/me/earnings");
        assertThat(earnings.get("availableMicros").asLong()).isEqualTo(18_000);
        assertThat(earnings.get("withdrawnMicros").asLong()).isZero();
    }

    private void land(SignedTransaction tx) {
        assertThat(svm.rpc().awaitStatus(svm.rpc().sendTransaction(tx), Duration.ofSeconds(20)).succeeded())
                .isTrue();
    }

    private long balanceOrZero(Buyer buyer, Address mint) {
        try {
            return tokens(buyer, mint);
        } catch (RuntimeException e) {
            return 0; // the token account does not exist yet
        }
    }

    private long tokens(Buyer buyer, Address mint) {
        return svm.rpc().getTokenAccountBalance(Instructions.associatedTokenAddress(Programs.TOKEN,
                Address.of(buyer.address()), mint)).amount();
    }
}
