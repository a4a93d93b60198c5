package dance.normal.protocol.auth;

/** An access token (JWT, short-lived) and a rotating refresh token. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, Me me) {

    @Override
    public String toString() {
        return "TokenPair[<redacted>, expiresIn=" + expiresIn + ", me=" + me + "]";
    }
}
