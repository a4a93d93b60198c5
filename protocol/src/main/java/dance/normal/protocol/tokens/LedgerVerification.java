package dance.normal.protocol.tokens;

import java.util.List;

/**
 * The result of re-checking the ledger's hash chain and every money and token invariant.
 *
 * @param problems one sentence per thing found wrong; empty when all is well
 */
public record LedgerVerification(boolean ok, long transactions, List<String> problems) {

    public LedgerVerification {
        problems = List.copyOf(problems);
    }
}
