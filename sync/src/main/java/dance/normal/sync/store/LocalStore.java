package dance.normal.sync.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in user's local database (SQLite in WAL mode): the catalog mirror, the library, downloads, the outbox
 * and the sync state. Opening it brings the schema up to date ({@code PRAGMA user_version} counts the migrations
 * applied, each in its own transaction). All access goes through {@link #read} and {@link #write}, one at a time:
 * SQLite has one writer, and one connection keeps it simple and fast.
 */
public final class LocalStore implements AutoCloseable {

    /** Work done with the connection; may throw SQL errors, which become {@link StoreException}s. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The migrations, in order; the file names are {@code V<n>__<what>.sql} beside this class. */
    static final List<String> MIGRATIONS = List.of("V1__catalog.sql", "V2__downloads.sql", "V3__outbox.sql",
            "V4__playlists.sql", "V5__offline_playlists.sql", "V6__purchase_quotes.sql", "V7__likes.sql",
            "V8__uploads.sql");

    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private LocalStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the store in a file and migrates it.
     *
     * @param file the database file, e.g. {@code <data>/users/<user id>/library.db}
     * @return the open store
     * @throws StoreException if the file cannot be opened or is not a store of this app
     */
    public static LocalStore open(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA cache_size = -32768");
            }
            LocalStore store = new LocalStore(file, connection);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new StoreException("The local library " + file + " cannot be opened", e);
        } catch (IOException e) {
            throw new StoreException("The folder for " + file + " cannot be created", e);
        }
    }

    /**
     * Opens the store of one signed-in user: {@code <dataDir>/users/<userId>/library.db}. Each account on a device
     * has its own, so signing in as someone else never shows the previous person's library or outbox.
     *
     * @param dataDir the app's data folder
     * @param userId  the account id from the server (letters, digits and dashes)
     * @return the open store
     */
    public static LocalStore forUser(Path dataDir, String userId) {
        if (userId == null || !userId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not an account id: " + userId);
        }
        return open(dataDir.resolve("users").resolve(userId).resolve("library.db"));
    }

    public Path file() {
        return file;
    }

    /** Runs read-only work. */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("Reading the local library failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs work in one transaction: all of it is kept, or none of it. */
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Writing the local library failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** A value of the sync state, in the caller's transaction. */
    public static Optional<String> state(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sync_state WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Sets a value of the sync state, in the caller's transaction. */
    public static void setState(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                        + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing {} failed", file, e);
        } finally {
            lock.unlock();
        }
    }

    private void migrate() throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > MIGRATIONS.size()) {
            throw new StoreException("The local library " + file + " was written by a newer version of the app ("
                    + version + " > " + MIGRATIONS.size() + ")", null);
        }
        for (int next = version; next < MIGRATIONS.size(); next++) {
            String script = script(MIGRATIONS.get(next));
            int target = next + 1;
            write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(script)) {
                        s.execute(statement);
                    }
                    s.execute("PRAGMA user_version = " + target);
                }
                return null;
            });
            LOG.info("Local library {} migrated to version {}", file.getFileName(), target);
        }
    }

    private static String script(String name) {
        try (InputStream in = LocalStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script at semicolons that end a line, keeping trigger bodies ({@code BEGIN ... END;}) whole. */
    static List<String> statements(String script) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            String upper = trimmed.toUpperCase(java.util.Locale.ROOT);
            if (upper.endsWith("BEGIN")) {
                depth++;
            }
            if (trimmed.endsWith(";")) {
                if (depth > 0 && upper.equals("END;")) {
                    depth--;
                }
                if (depth == 0) {
                    out.add(current.toString().strip());
                    current.setLength(0);
                }
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
