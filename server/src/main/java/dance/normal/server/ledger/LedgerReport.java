package dance.normal.server.ledger;

import java.util.List;

/**
 * What {@link Ledger#verify()} found.
 *
 * @param ok           whether every check passed
 * @param transactions how many transactions were checked
 * @param problems     one sentence per problem found, empty when ok
 */
public record LedgerReport(boolean ok, long transactions, List<String> problems) {
}
