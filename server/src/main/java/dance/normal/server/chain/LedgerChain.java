package dance.normal.server.chain;

/** Ledger mode: the server's database is the record of who holds which tokens, so delivery is the holdings update. */
public final class LedgerChain implements Chain {

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public MintAccounts openOffering(String trackId, long supply) {
        return new MintAccounts(null, null);
    }

    @Override
    public Delivery deliver(TokenTransfer transfer) {
        return new Delivery.Done("ledger:" + transfer.id());
    }

    @Override
    public Delivery payOut(String id, long micros, String wallet) {
        return new Delivery.Done("ledger:" + id);
    }
}
