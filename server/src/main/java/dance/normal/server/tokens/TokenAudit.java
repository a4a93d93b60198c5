package dance.normal.server.tokens;

import dance.normal.protocol.tokens.LedgerVerification;
import dance.normal.server.ledger.Accounts;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-checks everything that must always hold: the ledger's hash chain, balance and no-overdraft rules (see
 * {@link Ledger#verify()}), and that tokens and escrow agree with the purchases that moved them:
 * <ul>
 *   <li>per offering, all holdings (treasury included) add up to the minted supply;</li>
 *   <li>each buyer holds exactly the tokens of their delivered purchases;</li>
 *   <li>sold and reserved match completed and under-way purchases;</li>
 *   <li>escrow holds exactly the money of purchases debited but not yet recorded or refunded.</li>
 * </ul>
 */
public final class TokenAudit {

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final TokenRepositories repositories;

    public TokenAudit(Jdbi jdbi, Ledger ledger, TokenRepositories repositories) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.repositories = repositories;
    }

    public LedgerVerification verify() {
        LedgerReport report = ledger.verify();
        List<String> problems = new ArrayList<>(report.problems());
        jdbi.useTransaction(h -> {
            PurchaseRepository purchases = repositories.purchases();
            List<HoldingRepository.Holding> holdings = repositories.holdings().all(h);
            Map<String, Long> held = new HashMap<>();
            holdings.forEach(x -> held.merge(x.trackId(), x.quantity(), Long::sum));
            Map<String, Long> bought = purchases.quantityByTrack(h, PurchaseState.SOLD);
            Map<String, Long> underWay = purchases.quantityByTrack(h, PurchaseState.RESERVING);
            for (OfferingRepository.Counts o : repositories.offerings().counts(h)) {
                String track = o.trackId();
                long supply = o.supply();
                long heldOf = held.getOrDefault(track, 0L);
                if (heldOf != supply) {
                    problems.add("Track " + track + ": holdings add up to " + heldOf + ", not the supply of "
                            + supply + ".");
                }
                long boughtOf = bought.getOrDefault(track, 0L);
                if (o.sold() != boughtOf) {
                    problems.add("Track " + track + ": " + o.sold() + " tokens counted as sold, but "
                            + "finished purchases bought " + boughtOf + ".");
                }
                long underWayOf = underWay.getOrDefault(track, 0L);
                if (o.reserved() != underWayOf) {
                    problems.add("Track " + track + ": " + o.reserved() + " tokens reserved, but purchases "
                            + "under way hold " + underWayOf + ".");
                }
            }
            Map<String, Long> delivered = purchases.quantityByTrackAndBuyer(h, PurchaseState.DELIVERED_TO_BUYER);
            for (HoldingRepository.Holding x : holdings) {
                if (x.holder().equals(HoldingRepository.TREASURY)) {
                    continue;
                }
                long deliveredTo = delivered.getOrDefault(x.trackId() + "/" + x.holder(), 0L);
                if (x.quantity() != deliveredTo) {
                    problems.add("Holder " + x.holder() + " holds " + x.quantity() + " tokens of track "
                            + x.trackId() + ", but was delivered " + deliveredTo + ".");
                }
            }
            long escrow = Ledger.balance(h, Accounts.ESCROW);
            long owed = purchases.total(h, PurchaseState.IN_ESCROW);
            if (escrow != owed) {
                problems.add("Escrow holds " + escrow + " micro-dollars, but purchases under way paid " + owed + ".");
            }
        });
        return new LedgerVerification(problems.isEmpty(), report.transactions(), problems);
    }
}
