package dance.normal.protocol.auth;

/** Sign-in with email and password. */
public record LoginRequest(String email, char[] password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=<redacted>]";
    }
}
