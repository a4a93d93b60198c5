package dance.normal.protocol.auth;

import dance.normal.protocol.Role;

/** Sign-up. The password is a {@code char[]} so the receiver can wipe it; {@code name} is required for artists. */
public record SignupRequest(String email, char[] password, Role role, String name) {

    @Override
    public String toString() {
        return "SignupRequest[email=" + email + ", password=<redacted>, role=" + role + ", name=" + name + "]";
    }
}
