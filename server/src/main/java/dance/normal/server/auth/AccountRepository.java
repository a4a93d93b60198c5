package dance.normal.server.auth;

import dance.normal.protocol.Role;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code accounts} table. The only class in auth that writes SQL for it; every method runs in the caller's
 * transaction (decision 0033).
 */
public final class AccountRepository {

    /** One account: its id, email, password hash and role. */
    public record Account(String id, String email, String passwordHash, Role role) {
    }

    /** Inserts an account; fails when the email is taken. */
    public void insert(Handle h, String id, String email, String passwordHash, Role role, long now) {
        h.createUpdate("INSERT INTO accounts (id, email, password_hash, role, created_at) "
                        + "VALUES (:id, :email, :hash, :role, :now)")
                .bind("id", id).bind("email", email).bind("hash", passwordHash).bind("role", role.wire())
                .bind("now", now).execute();
    }

    /**
     * Takes the account's row lock until the caller's transaction ends, so one account's requests that read and then
     * write what earlier ones wrote run one at a time (on SQLite the write lock already does this).
     */
    public void lock(Handle h, String id) {
        h.createUpdate("UPDATE accounts SET id = id WHERE id = :a").bind("a", id).execute();
    }

    public void setRole(Handle h, String id, Role role) {
        h.createUpdate("UPDATE accounts SET role = :role WHERE id = :id").bind("role", role.wire()).bind("id", id)
                .execute();
    }

    public Optional<Account> find(Handle h, String id) {
        return h.createQuery("SELECT id, email, password_hash, role FROM accounts WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3),
                        Role.fromWire(rs.getString(4))))
                .findOne();
    }

    public Optional<Account> findByEmail(Handle h, String email) {
        return h.createQuery("SELECT id, email, password_hash, role FROM accounts WHERE email = :e").bind("e", email)
                .map((rs, ctx) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3),
                        Role.fromWire(rs.getString(4))))
                .findOne();
    }
}
