package dance.normal.server.ledger;

import java.util.List;
import java.util.Objects;

/**
 * One movement of money, as stored: its place in the chain and its hash.
 *
 * @param seq       its place, from 1
 * @param id        its id
 * @param kind      what it was, e.g. {@code topup}, {@code purchase}, {@code royalty}
 * @param memo      a sentence for statements
 * @param createdAt epoch milliseconds
 * @param prevHash  the hash of the transaction before (64 zeros for the first)
 * @param hash      this transaction's hash
 * @param postings  its lines; they sum to zero
 */
public record LedgerTransaction(long seq, String id, String kind, String memo, long createdAt, String prevHash,
                                String hash, List<Posting> postings) {

    public LedgerTransaction {
        Objects.requireNonNull(id, "id");
        postings = List.copyOf(postings);
    }
}
