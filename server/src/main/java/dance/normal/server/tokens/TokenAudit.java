package dance.normal.server.tokens;

import dance.normal.protocol.tokens.LedgerVerification;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerReport;
import java.util.ArrayList;
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

    public TokenAudit(Jdbi jdbi, Ledger ledger) {
        this.jdbi = jdbi;
        this.ledger = ledger;
    }

    public LedgerVerification verify() {
        LedgerReport report = ledger.verify();
        List<String> problems = new ArrayList<>(report.problems());
        jdbi.useTransaction(h -> {
            for (Map<String, Object> r : h.createQuery("SELECT o.track_id AS track_id, o.supply AS supply, "
                    + "o.sold AS sold, o.reserved AS reserved, "
                    + "(SELECT COALESCE(SUM(quantity), 0) FROM token_holdings th "
                    + "WHERE th.track_id = o.track_id) AS held, "
                    + "(SELECT COALESCE(SUM(quantity), 0) FROM purchases p WHERE p.track_id = o.track_id "
                    + "AND p.state IN ('RECORDED', 'COMPLETED')) AS bought, "
                    + "(SELECT COALESCE(SUM(quantity), 0) FROM purchases p WHERE p.track_id = o.track_id "
                    + "AND p.state IN ('RESERVED', 'DEBITED', 'DELIVERED')) AS under_way "
                    + "FROM offerings o ORDER BY o.track_id").mapToMap().list()) {
                String track = (String) r.get("track_id");
                long supply = number(r, "supply");
                if (number(r, "held") != supply) {
                    problems.add("Track " + track + ": holdings add up to " + number(r, "held") + ", not the supply of "
                            + supply + ".");
                }
                if (number(r, "sold") != number(r, "bought")) {
                    problems.add("Track " + track + ": " + number(r, "sold") + " tokens counted as sold, but "
                            + "finished purchases bought " + number(r, "bought") + ".");
                }
                if (number(r, "reserved") != number(r, "under_way")) {
                    problems.add("Track " + track + ": " + number(r, "reserved") + " tokens reserved, but purchases "
                            + "under way hold " + number(r, "under_way") + ".");
                }
            }
            for (Map<String, Object> r : h.createQuery("SELECT th.track_id AS track_id, th.holder AS holder, "
                    + "th.quantity AS quantity, (SELECT COALESCE(SUM(quantity), 0) FROM purchases p "
                    + "WHERE p.track_id = th.track_id AND p.account_id = th.holder "
                    + "AND p.state IN ('DELIVERED', 'RECORDED', 'COMPLETED')) AS delivered "
                    + "FROM token_holdings th WHERE th.holder <> :treasury")
                    .bind("treasury", OfferingService.TREASURY).mapToMap().list()) {
                if (number(r, "quantity") != number(r, "delivered")) {
                    problems.add("Holder " + r.get("holder") + " holds " + number(r, "quantity") + " tokens of track "
                            + r.get("track_id") + ", but was delivered " + number(r, "delivered") + ".");
                }
            }
            long escrow = Ledger.balance(h, Accounts.ESCROW);
            long owed = h.createQuery("SELECT COALESCE(SUM(total_micros), 0) FROM purchases "
                    + "WHERE state IN ('DEBITED', 'DELIVERED')").mapTo(Long.class).one();
            if (escrow != owed) {
                problems.add("Escrow holds " + escrow + " micro-dollars, but purchases under way paid " + owed + ".");
            }
        });
        return new LedgerVerification(problems.isEmpty(), report.transactions(), problems);
    }

    private static long number(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
