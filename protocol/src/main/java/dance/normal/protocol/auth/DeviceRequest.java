package dance.normal.protocol.auth;

/** Registers a device's wallet public key (base58, 32 bytes Ed25519). Only public keys ever reach the server. */
public record DeviceRequest(String publicKey, String name) {
}
