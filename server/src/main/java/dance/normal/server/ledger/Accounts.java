package dance.normal.server.ledger;

/**
 * Ledger account names. Listeners have a spendable balance (top-ups, purchases) and earnings (their tokens' share of
 * plays); artists and the platform earn; purchases under way hold money in escrow; {@code external:*} accounts are
 * the outside world and the only ones that may go below zero.
 */
public final class Accounts {

    public static final String PLATFORM = "platform:fees";
    public static final String ESCROW = "escrow:purchases";
    public static final String STREAMING = "external:streaming";
    public static final String WITHDRAWALS = "external:withdrawals";

    private Accounts() {
    }

    public static String balance(String accountId) {
        return "listener:" + accountId + ":balance";
    }

    public static String earnings(String accountId) {
        return "listener:" + accountId + ":earnings";
    }

    public static String artist(String artistId) {
        return "artist:" + artistId;
    }

    /** Where a payment provider's money enters. */
    public static String payments(String provider) {
        return "external:payments:" + provider;
    }
}
