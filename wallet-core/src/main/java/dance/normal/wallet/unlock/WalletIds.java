package dance.normal.wallet.unlock;

import java.util.regex.Pattern;

/** Wallet ids come from keystore files, so they are checked before they name a file or a keychain entry. */
final class WalletIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private WalletIds() {
    }

    static String check(String walletId) {
        if (walletId == null || !ID.matcher(walletId).matches()) {
            throw new IllegalArgumentException("A wallet id is a lowercase UUID");
        }
        return walletId;
    }
}
