package dance.normal.protocol.auth;

/**
 * Adds a device's wallet public key (base58, 32 bytes Ed25519) to the account. Only public keys reach the server.
 * The caller proves it holds the new key ({@code signature}: base58 Ed25519 signature by that key of the bytes of the
 * challenge message from {@code POST /api/v1/me/devices/challenge}) and steps up: the account's {@code password},
 * or, instead, a signature of the same bytes by a device already registered ({@code approverKey},
 * {@code approverSignature}).
 *
 * @param password a {@code char[]} so the receiver can wipe it; null when a registered device approves
 */
public record DeviceRequest(String publicKey, String name, char[] password, String challengeId, String signature,
                            String approverKey, String approverSignature) {

    /** With the password as the step-up. */
    public DeviceRequest(String publicKey, String name, char[] password, String challengeId, String signature) {
        this(publicKey, name, password, challengeId, signature, null, null);
    }

    @Override
    public String toString() {
        return "DeviceRequest[publicKey=" + publicKey + ", name=" + name + ", password=<redacted>, challengeId="
                + challengeId + ", approverKey=" + approverKey + "]";
    }
}
