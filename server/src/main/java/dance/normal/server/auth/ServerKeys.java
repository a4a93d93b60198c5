package dance.normal.server.auth;

import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * Symmetric keys every server process must share (access-token signing, stream-URL signing). Made once, on the
 * first start against a database; a concurrent first start of another process keeps whichever row won.
 */
public final class ServerKeys {

    private ServerKeys() {
    }

    public static byte[] getOrCreate(Jdbi jdbi, String name) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO server_keys (name, key_bytes, created_at) VALUES (:name, :key, :now) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .bind("name", name)
                    .bind("key", candidate)
                    .bind("now", System.currentTimeMillis())
                    .execute();
            return h.createQuery("SELECT key_bytes FROM server_keys WHERE name = :name")
                    .bind("name", name)
                    .mapTo(byte[].class)
                    .one();
        });
    }
}
