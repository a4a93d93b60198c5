package dance.normal.protocol.auth;

import java.time.Instant;

/**
 * Proof that a sign-in comes from a device that signed in to this account before: the device's registered key signs
 * {@link AuthMessages#signIn(String, Instant)} (a Solana off-chain message) for the email and the time of the
 * attempt. Such a sign-in is not held up by the per-account limit that strangers' wrong passwords trip.
 *
 * @param publicKey the registered device key, base58
 * @param signedAt  when it was signed; the server takes it within a few minutes of its clock
 * @param signature base58 Ed25519 signature of the message's bytes
 */
public record DeviceProof(String publicKey, Instant signedAt, String signature) {
}
