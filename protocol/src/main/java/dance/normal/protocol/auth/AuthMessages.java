package dance.normal.protocol.auth;

import java.time.Instant;
import java.util.Locale;

/**
 * The texts a device key signs about the account (as Solana off-chain messages under
 * {@code TokenMessages.applicationDomain()}). Client and server build them from the same facts, so the server
 * checks a signature without trusting the client's wording.
 */
public final class AuthMessages {

    private AuthMessages() {
    }

    /** What a registered device signs to sign in without being held up by the account's failure limit. */
    public static String signIn(String email, Instant at) {
        return "Normal Dance sign-in\n"
                + "Account: " + email.strip().toLowerCase(Locale.ROOT) + "\n"
                + "At: " + at;
    }

    /** What a new device's key signs to be added to the account: it proves the caller holds that key. */
    public static String addDevice(String accountId, String email, String challengeId, Instant expiresAt) {
        return "Normal Dance: add this device\n"
                + "Account: " + email + " (" + accountId + ")\n"
                + "Challenge: " + challengeId + "\n"
                + "Valid until: " + expiresAt;
    }
}
