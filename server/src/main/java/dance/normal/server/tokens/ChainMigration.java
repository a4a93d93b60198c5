package dance.normal.server.tokens;

import dance.normal.server.chain.Chain;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving a deployment from ledger mode to Solana mode is configuration only: started with {@code --chain solana},
 * the server mints every offering opened in ledger mode and delivers on chain the tokens its buyers already hold
 * (to the wallet each purchase was signed with). Runs again until everything is on chain; each delivery is
 * idempotent per purchase, as in a purchase.
 */
final class ChainMigration {

    private static final Logger LOG = LoggerFactory.getLogger(ChainMigration.class);

    private final Jdbi jdbi;
    private final Chain chain;
    private final OfferingRepository offerings;
    private final PurchaseRepository purchases;

    ChainMigration(Jdbi jdbi, Chain chain, TokenRepositories repositories) {
        this.jdbi = jdbi;
        this.chain = chain;
        this.offerings = repositories.offerings();
        this.purchases = repositories.purchases();
    }

    /** Does what is left; returns how many offerings and deliveries it finished. */
    int run() {
        if (chain.name().equals("ledger")) {
            return 0;
        }
        int done = 0;
        for (OfferingRepository.Counts o : jdbi.withHandle(h -> offerings.notOn(h, chain.name()))) {
            String track = o.trackId();
            Chain.MintAccounts accounts = chain.openOffering(track, o.supply());
            if (jdbi.inTransaction(h -> offerings.moveToChain(h, track, chain.name(), accounts.mint(),
                    accounts.treasury()))) {
                LOG.info("Offering of track {} moved to {}: mint {}", track, chain.name(), accounts.mint());
                done++;
            }
        }
        record Owed(PurchaseRepository.Row purchase, String mint) {
        }
        List<Owed> owed = jdbi.withHandle(h -> purchases.deliveredInLedgerMode(h).stream()
                .flatMap(p -> offerings.find(h, p.trackId()).filter(o -> o.chain().equals(chain.name()))
                        .map(o -> new Owed(p, o.mint())).stream())
                .toList());
        for (Owed p : owed) {
            String id = p.purchase().id();
            Chain.Delivery delivery = chain.deliver(new Chain.TokenTransfer(id, p.purchase().trackId(), p.mint(),
                    p.purchase().quantity(), p.purchase().wallet()));
            if (delivery instanceof Chain.Delivery.Done d) {
                jdbi.useTransaction(h -> purchases.setChainRef(h, id, d.reference()));
                done++;
            } else {
                LOG.warn("Tokens of purchase {} are not on chain yet: {}", id, delivery);
            }
        }
        return done;
    }
}
