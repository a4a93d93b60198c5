package dance.normal.server.tokens;

import dance.normal.server.chain.Chain;
import java.util.List;
import java.util.Map;
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

    ChainMigration(Jdbi jdbi, Chain chain) {
        this.jdbi = jdbi;
        this.chain = chain;
    }

    /** Does what is left; returns how many offerings and deliveries it finished. */
    int run() {
        if (chain.name().equals("ledger")) {
            return 0;
        }
        int done = 0;
        for (Map<String, Object> o : jdbi.withHandle(h -> h.createQuery("SELECT track_id, supply FROM offerings "
                + "WHERE chain <> :chain").bind("chain", chain.name()).mapToMap().list())) {
            String track = (String) o.get("track_id");
            Chain.MintAccounts accounts = chain.openOffering(track, ((Number) o.get("supply")).longValue());
            int moved = jdbi.withHandle(h -> h.createUpdate("UPDATE offerings SET chain = :chain, mint = :mint, "
                            + "treasury = :treasury WHERE track_id = :t AND chain <> :chain")
                    .bind("chain", chain.name()).bind("mint", accounts.mint()).bind("treasury", accounts.treasury())
                    .bind("t", track).execute());
            if (moved == 1) {
                LOG.info("Offering of track {} moved to {}: mint {}", track, chain.name(), accounts.mint());
                done++;
            }
        }
        List<Map<String, Object>> owed = jdbi.withHandle(h -> h.createQuery("SELECT p.id AS id, p.track_id AS track, "
                        + "p.quantity AS quantity, p.wallet AS wallet, o.mint AS mint FROM purchases p "
                        + "JOIN offerings o ON o.track_id = p.track_id WHERE o.chain = :chain "
                        + "AND p.state IN ('DELIVERED', 'RECORDED', 'COMPLETED') AND p.chain_ref LIKE 'ledger:%' "
                        + "ORDER BY p.created_at").bind("chain", chain.name()).mapToMap().list());
        for (Map<String, Object> p : owed) {
            String id = (String) p.get("id");
            Chain.Delivery delivery = chain.deliver(new Chain.TokenTransfer(id, (String) p.get("track"),
                    (String) p.get("mint"), ((Number) p.get("quantity")).longValue(), (String) p.get("wallet")));
            if (delivery instanceof Chain.Delivery.Done d) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE purchases SET chain_ref = :ref WHERE id = :id")
                        .bind("ref", d.reference()).bind("id", id).execute());
                done++;
            } else {
                LOG.warn("Tokens of purchase {} are not on chain yet: {}", id, delivery);
            }
        }
        return done;
    }
}
