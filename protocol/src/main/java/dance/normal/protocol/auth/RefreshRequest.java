package dance.normal.protocol.auth;

/** Trades a refresh token for a new pair; the old one is spent. Also the body of sign-out. */
public record RefreshRequest(String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[<redacted>]";
    }
}
