package dance.normal.protocol.catalog;

import java.time.Instant;

/** A short-lived signed URL the player can fetch without headers. */
public record StreamUrl(String url, Instant expiresAt) {
}
