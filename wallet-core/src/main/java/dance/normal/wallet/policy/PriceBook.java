package dance.normal.wallet.policy;

import dance.normal.protocol.Money;
import dance.normal.wallet.solana.Address;
import java.util.Map;
import java.util.Optional;

/**
 * What the wallet knows about prices, so a preview can speak in dollars: per token mint a name and the price of
 * one base unit (a whole token for track tokens, which have 0 decimals; one micro-dollar for USDC), and the price
 * of one SOL when known.
 */
public record PriceBook(Map<Address, TokenQuote> tokens, Optional<Money> perSol) {

    /** A token the app knows: its name in plain words, decimals, and the price of one base unit. */
    public record TokenQuote(String name, int decimals, Money perBaseUnit) {
    }

    public PriceBook {
        tokens = Map.copyOf(tokens);
    }

    public static PriceBook empty() {
        return new PriceBook(Map.of(), Optional.empty());
    }

    public Optional<TokenQuote> token(Address mint) {
        return Optional.ofNullable(tokens.get(mint));
    }

    /** Dollars for lamports, rounded up to the micro-dollar, when the SOL price is known. */
    public Optional<Money> lamportsInDollars(long lamports) {
        return perSol.map(price -> Money.ofMicros(Math.ceilDiv(Math.multiplyExact(lamports, price.micros()),
                1_000_000_000L)));
    }
}
