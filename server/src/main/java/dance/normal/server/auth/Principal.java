package dance.normal.server.auth;

import dance.normal.protocol.Role;

/** Who made a request, from a verified access token. */
public record Principal(String accountId, Role role, String sessionId) {
}
