package dance.normal.server.tokens;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.server.auth.DeviceRepository;
import dance.normal.server.http.ApiException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The account's wallets (its registered devices' public keys) and the signatures they make over our messages. */
final class WalletSignatures {

    private static final DeviceRepository DEVICES = new DeviceRepository();

    private WalletSignatures() {
    }

    /**
     * The wallet to use: {@code wallet} if it is one of the account's, else (when null) the most recently registered.
     */
    static String resolve(Handle h, String accountId, String wallet) {
        List<String> keys = DEVICES.keysNewestFirst(h, accountId);
        if (keys.isEmpty()) {
            throw ApiException.conflict(ProblemType.CONFLICT,
                    "This account has no wallet yet; register this device's wallet first (POST /api/v1/me/devices).");
        }
        if (wallet == null || wallet.isBlank()) {
            return keys.getFirst();
        }
        String w = wallet.strip();
        if (!keys.contains(w)) {
            throw ApiException.forbidden("That wallet is not registered to this account.");
        }
        return w;
    }

    /** The exact bytes {@code wallet} signs for {@code text}: a Solana off-chain message. */
    static byte[] message(String wallet, String text) {
        return OffchainMessage.create(TokenMessages.applicationDomain(), List.of(Address.of(wallet)), text)
                .serialize();
    }

    /** Refuses with 403 unless {@code signatureBase58} is {@code wallet}'s signature of {@code text}. */
    static void require(String wallet, String signatureBase58, String text) {
        byte[] signature;
        try {
            signature = Base58.decode(signatureBase58 == null ? "" : signatureBase58.strip());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (!OffchainMessage.verify(Address.of(wallet).bytes(), signature, TokenMessages.applicationDomain(), text)) {
            throw new ApiException(ProblemType.SIGNATURE_INVALID, 403,
                    "The wallet's signature does not match this request; nothing was charged.");
        }
    }

    static void requireKey(String key, String what) {
        if (key == null || key.isBlank() || key.length() > 100) {
            throw ApiException.badRequest("Send an Idempotency-Key header (up to 100 characters) with " + what + ".");
        }
    }
}
