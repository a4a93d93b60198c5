package dance.normal.protocol.auth;

/**
 * A challenge to add a device: short-lived, single use.
 *
 * @param challengeId names the challenge in the {@link DeviceRequest}
 * @param message     base64 of a Solana off-chain message naming the account; the new key signs these bytes
 */
public record DeviceChallenge(String challengeId, String message) {
}
