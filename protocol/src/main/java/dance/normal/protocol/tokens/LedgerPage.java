package dance.normal.protocol.tokens;

import java.util.List;

/**
 * A listener's money: the spendable balance, earnings, and every ledger line of both, newest first.
 */
public record LedgerPage(long balanceMicros, long earningsMicros, List<StatementLine> entries) {

    public LedgerPage {
        entries = List.copyOf(entries);
    }
}
