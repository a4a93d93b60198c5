package dance.normal.server.auth;

import dance.normal.protocol.auth.Device;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code devices} and {@code device_challenges} tables: an account's device keys and the one-time challenges to
 * add one. Every method runs in the caller's transaction (decision 0033).
 */
public final class DeviceRepository {

    /** The account's devices, oldest first. */
    public List<Device> devices(Handle h, String accountId) {
        return h.createQuery("SELECT id, name, public_key, registered_at FROM devices WHERE account_id = :a "
                        + "ORDER BY registered_at")
                .bind("a", accountId)
                .map((rs, ctx) -> new Device(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    /** The account's device keys, the most recently registered first: its wallets. */
    public List<String> keysNewestFirst(Handle h, String accountId) {
        return h.createQuery("SELECT public_key FROM devices WHERE account_id = :a ORDER BY registered_at DESC, id")
                .bind("a", accountId).mapTo(String.class).list();
    }

    /** The key of one of the account's devices. */
    public Optional<String> keyOf(Handle h, String accountId, String deviceId) {
        return h.createQuery("SELECT public_key FROM devices WHERE id = :d AND account_id = :a")
                .bind("d", deviceId).bind("a", accountId).mapTo(String.class).findOne();
    }

    /** True when {@code publicKey} is one of the account's device keys. */
    public boolean isRegistered(Handle h, String accountId, String publicKey) {
        return h.createQuery("SELECT COUNT(*) FROM devices WHERE account_id = :a AND public_key = :k")
                .bind("a", accountId).bind("k", publicKey).mapTo(Integer.class).one() > 0;
    }

    public void insert(Handle h, String accountId, Device device) {
        h.createUpdate("INSERT INTO devices (id, account_id, name, public_key, registered_at) "
                        + "VALUES (:id, :a, :n, :k, :now)")
                .bind("id", device.id()).bind("a", accountId).bind("n", device.name()).bind("k", device.publicKey())
                .bind("now", device.registeredAt().toEpochMilli()).execute();
    }

    /** Removes one of the account's devices; false when it has no such device. */
    public boolean remove(Handle h, String accountId, String deviceId) {
        return h.createUpdate("DELETE FROM devices WHERE id = :id AND account_id = :a")
                .bind("id", deviceId).bind("a", accountId).execute() == 1;
    }

    /** Stores a challenge, first dropping those expired for an hour. */
    public void insertChallenge(Handle h, String id, String accountId, String publicKey, String message,
                                long expiresAt, long dropBefore) {
        h.createUpdate("DELETE FROM device_challenges WHERE expires_at < :old").bind("old", dropBefore).execute();
        h.createUpdate("INSERT INTO device_challenges (id, account_id, public_key, message, expires_at) "
                        + "VALUES (:id, :a, :k, :m, :exp)")
                .bind("id", id).bind("a", accountId).bind("k", publicKey).bind("m", message).bind("exp", expiresAt)
                .execute();
    }

    /**
     * Marks a live, unused challenge of the account (for {@code publicKey}, or for any key) used and returns its
     * message; empty when there is no such challenge.
     */
    public Optional<String> spendChallenge(Handle h, String accountId, String challengeId, String publicKey,
                                           long now) {
        int spent = h.createUpdate("UPDATE device_challenges SET used_at = :now WHERE id = :id "
                        + "AND account_id = :a AND used_at IS NULL AND expires_at > :now "
                        + "AND (public_key IS NULL OR public_key = :k)")
                .bind("now", now).bind("id", challengeId).bind("a", accountId).bind("k", publicKey).execute();
        if (spent == 0) {
            return Optional.empty();
        }
        return Optional.of(h.createQuery("SELECT message FROM device_challenges WHERE id = :id")
                .bind("id", challengeId).mapTo(String.class).one());
    }
}
