package dance.normal.app.session;

import java.net.URI;

/**
 * Who is signed in, and where.
 *
 * @param email  the account's email
 * @param server the server the session talks to
 */
public record Account(String email, URI server) {

    /** The domain of demo listeners' made-up addresses ({@code ./nd demo}). */
    static final String DEMO_DOMAIN = "@demo.normal.dance";

    /** Whether this is a demo listener made by {@link SessionOpener#demoListener}: no one knows its password. */
    public boolean isDemoListener() {
        return email.endsWith(DEMO_DOMAIN);
    }
}
