package dance.normal.protocol.auth;

import java.time.Instant;

/** A device of the account and the public key of the wallet it holds. */
public record Device(String id, String name, String publicKey, Instant registeredAt) {
}
