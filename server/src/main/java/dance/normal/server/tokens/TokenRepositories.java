package dance.normal.server.tokens;

/** The repositories of the token tables, made once and shared by the services that use them. */
public record TokenRepositories(OfferingRepository offerings, HoldingRepository holdings,
                                PurchaseRepository purchases, QuoteRepository quotes) {

    public static TokenRepositories create() {
        return new TokenRepositories(new OfferingRepository(), new HoldingRepository(), new PurchaseRepository(),
                new QuoteRepository());
    }
}
