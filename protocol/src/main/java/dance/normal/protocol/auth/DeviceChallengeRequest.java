package dance.normal.protocol.auth;

/**
 * Asks for a challenge to add a device. The body may be empty; with {@code publicKey} (the new device's key, base58)
 * the message names that key as its signer, as a wallet expects of an off-chain message, and only that key can use
 * the challenge.
 */
public record DeviceChallengeRequest(String publicKey) {
}
