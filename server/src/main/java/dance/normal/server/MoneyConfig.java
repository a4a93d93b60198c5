package dance.normal.server;

import dance.normal.server.chain.TreasuryPkcs11;
import dance.normal.server.royalty.RoyaltyRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How tokens and money are set up.
 *
 * @param chain         "ledger" (embedded default: the server's ledger is the record) or "solana"
 * @param rpc           the Solana JSON-RPC endpoint, for chain "solana"
 * @param payoutMint    in Solana mode, the dollar token earnings are paid out in (6 decimals, e.g. USDC), which the
 *                      treasury holds; without it withdrawals are refused in Solana mode
 * @param payments      payment providers in the order they are tried: "stripe", "test-card"
 * @param stripe        Stripe's settings, needed when "stripe" is listed
 * @param adminToken    the bearer token for /api/v1/admin/*; when empty one is made and kept in the data dir
 * @param perPlayMicros what one qualified play earns a track
 * @param settleEvery   how often royalty settlement runs by itself
 * @param allowTestMoney whether test payments may run beside real money (a live Stripe key, or Solana mode); without
 *                      it such a set-up refuses to start ({@link #testMoneyRisk()})
 * @param treasuryPkcs11 in Solana mode, the HSM that holds the treasury key ({@code --treasury-pkcs11}); empty for the
 *                      key file in the data dir
 */
public record MoneyConfig(String chain, Optional<URI> rpc, Optional<String> payoutMint, List<String> payments,
                          Optional<Stripe> stripe, Optional<String> adminToken, long perPlayMicros,
                          Duration settleEvery, boolean allowTestMoney, Optional<TreasuryPkcs11> treasuryPkcs11) {

    public MoneyConfig {
        payments = List.copyOf(payments);
        if (!chain.equals("ledger") && !chain.equals("solana")) {
            throw new IllegalArgumentException("--chain must be ledger or solana, not \"" + chain + "\"");
        }
        if (chain.equals("solana") && rpc.isEmpty()) {
            throw new IllegalArgumentException("--chain solana needs --rpc URL");
        }
        for (String p : payments) {
            if (!p.equals("stripe") && !p.equals("test-card")) {
                throw new IllegalArgumentException("--payments lists stripe and test-card, not \"" + p + "\"");
            }
        }
        if (payments.isEmpty()) {
            throw new IllegalArgumentException("--payments needs at least one provider");
        }
        if (payments.contains("stripe") && stripe.isEmpty()) {
            throw new IllegalArgumentException("Stripe needs ND_STRIPE_SECRET_KEY and ND_STRIPE_WEBHOOK_SECRET");
        }
        if (treasuryPkcs11.isPresent() && !chain.equals("solana")) {
            throw new IllegalArgumentException("--treasury-pkcs11 holds the Solana treasury key: it needs --chain "
                    + "solana");
        }
    }

    /**
     * Why this set-up would let test money stand in for real money, or empty when it cannot: the test-card provider
     * beside a live Stripe key, or beside Solana mode (real tokens on a cluster), without {@code --allow-test-money}.
     * The test card alone in ledger mode is the embedded demo: no real money is anywhere, so it needs no flag.
     */
    public Optional<String> testMoneyRisk() {
        if (allowTestMoney || !payments.contains("test-card")) {
            return Optional.empty();
        }
        if (payments.contains("stripe") && stripe.map(Stripe::live).orElse(false)) {
            return Optional.of("The test-card provider (--payments ...test-card) must not run beside a live Stripe "
                    + "key: test money would stand in for real money. Remove test-card, or start with "
                    + "--allow-test-money if that is really what you want.");
        }
        if (chain.equals("solana")) {
            return Optional.of("The test-card provider (--payments test-card, the default) must not run in Solana "
                    + "mode: test money would buy real tokens. Use --payments stripe, or start with "
                    + "--allow-test-money on a test cluster.");
        }
        return Optional.empty();
    }

    /**
     * Stripe's API base, secret key and webhook signing secret.
     */
    public record Stripe(URI apiBase, String secretKey, String webhookSecret) {

        /** Whether this key moves real money: anything but a test key ({@code sk_test_} or {@code rk_test_}). */
        public boolean live() {
            return !secretKey.startsWith("sk_test_") && !secretKey.startsWith("rk_test_");
        }

        /** From ND_STRIPE_SECRET_KEY, ND_STRIPE_WEBHOOK_SECRET and ND_STRIPE_API_BASE, when the first two are set. */
        public static Optional<Stripe> fromEnvironment() {
            String key = System.getenv("ND_STRIPE_SECRET_KEY");
            String hook = System.getenv("ND_STRIPE_WEBHOOK_SECRET");
            if (key == null || key.isBlank() || hook == null || hook.isBlank()) {
                return Optional.empty();
            }
            String base = System.getenv("ND_STRIPE_API_BASE");
            return Optional.of(new Stripe(URI.create(base == null || base.isBlank() ? "https://api.stripe.com" : base),
                    key, hook));
        }

        @Override
        public String toString() {
            return "Stripe[apiBase=" + apiBase + ", secretKey=<redacted>, webhookSecret=<redacted>]";
        }
    }

    public static MoneyConfig defaults() {
        return new MoneyConfig("ledger", Optional.empty(), Optional.empty(), List.of("test-card"),
                Stripe.fromEnvironment(),
                Optional.ofNullable(System.getenv("ND_ADMIN_TOKEN")).filter(t -> !t.isBlank()),
                RoyaltyRules.DEFAULT_PER_PLAY_MICROS, Duration.ofDays(1), false,
                Optional.empty());
    }

    public MoneyConfig withChain(String c, Optional<URI> r) {
        return new MoneyConfig(c, r, payoutMint, payments, stripe, adminToken, perPlayMicros, settleEvery,
                allowTestMoney, treasuryPkcs11);
    }

    public MoneyConfig withPayoutMint(String mint) {
        return new MoneyConfig(chain, rpc, Optional.of(mint), payments, stripe, adminToken, perPlayMicros,
                settleEvery, allowTestMoney, treasuryPkcs11);
    }

    public MoneyConfig withPayments(List<String> p, Optional<Stripe> s) {
        return new MoneyConfig(chain, rpc, payoutMint, p, s, adminToken, perPlayMicros, settleEvery,
                allowTestMoney, treasuryPkcs11);
    }

    public MoneyConfig withAdminToken(String token) {
        return new MoneyConfig(chain, rpc, payoutMint, payments, stripe, Optional.of(token), perPlayMicros,
                settleEvery, allowTestMoney, treasuryPkcs11);
    }

    public MoneyConfig withAllowTestMoney(boolean allow) {
        return new MoneyConfig(chain, rpc, payoutMint, payments, stripe, adminToken, perPlayMicros, settleEvery,
                allow, treasuryPkcs11);
    }

    /** The treasury key in an HSM instead of the data dir (Solana mode only). */
    public MoneyConfig withTreasuryPkcs11(TreasuryPkcs11 hsm) {
        return new MoneyConfig(chain, rpc, payoutMint, payments, stripe, adminToken, perPlayMicros, settleEvery,
                allowTestMoney, Optional.of(hsm));
    }

    @Override
    public String toString() {
        return "MoneyConfig[chain=" + chain + rpc.map(u -> " " + u).orElse("")
                + payoutMint.map(m -> ", payoutMint=" + m).orElse("") + ", payments=" + payments
                + ", adminToken=" + (adminToken.isPresent() ? "<set>" : "<data dir>") + ", perPlayMicros="
                + perPlayMicros + ", settleEvery=" + settleEvery + (allowTestMoney ? ", allowTestMoney" : "")
                + treasuryPkcs11.map(t -> ", treasury=pkcs11:" + t.describe()).orElse("") + "]";
    }
}
