package dance.normal.protocol.auth;

/**
 * Sign-in with email and password, and, from a device that signed in before, a {@link DeviceProof} (may be null).
 */
public record LoginRequest(String email, char[] password, DeviceProof deviceProof) {

    public LoginRequest(String email, char[] password) {
        this(email, password, null);
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=<redacted>, deviceProof="
                + (deviceProof == null ? "none" : deviceProof.publicKey()) + "]";
    }
}
