package dance.normal.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's database: a HikariCP pool, Flyway migrations, and a {@link Jdbi} over it.
 *
 * <p>SQLite (the embedded default) runs in WAL mode with a busy timeout and foreign keys on. Every transaction takes
 * the write lock as it begins ({@link SqliteWriteLockFirst}): SQLite has one writer, and a transaction that reads
 * first and writes later can fail with SQLITE_BUSY instead of waiting. Reads outside transactions still run
 * concurrently with the writer. Its files are the owner's only (0600; see {@link OwnerOnly}).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        if (dialect == Dialect.SQLITE) {
            jdbi.setTransactionHandler(new SqliteWriteLockFirst(jdbi.getTransactionHandler()));
        }
    }

    /** Opens and migrates the database: {@code jdbcUrl} if given, else SQLite at {@code dataDir/normal-dance.db}. */
    public static Database open(Path dataDir, Optional<String> jdbcUrl, Optional<String> user,
                                Optional<String> password) {
        String url = jdbcUrl.orElseGet(() -> "jdbc:sqlite:" + dataDir.resolve("normal-dance.db"));
        Dialect dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("nd-db");
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        Optional<Path> sqliteFile = dialect == Dialect.SQLITE ? sqliteFile(url) : Optional.empty();
        if (dialect == Dialect.SQLITE) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
            }
            // The database holds the signing keys: made owner-only before SQLite opens it, and put right if not.
            sqliteFile.ifPresent(OwnerOnly::createFile);
            sqliteFile.ifPresent(OwnerOnly::databaseFiles);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            // DEFERRED, not IMMEDIATE: sqlite-jdbc begins the next transaction right after each commit (until
            // auto-commit is restored), and an IMMEDIATE one would take the write lock a second time for nothing.
            config.addDataSourceProperty("transaction_mode", "DEFERRED");
            config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        } else {
            config.setMaximumPoolSize(16);
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrate(ds, dialect);
            sqliteFile.ifPresent(OwnerOnly::databaseFiles); // the -wal and -shm files exist now
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
    }

    /** The file of a {@code jdbc:sqlite:} URL, or empty for an in-memory database. */
    private static Optional<Path> sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static void migrate(DataSource ds, Dialect dialect) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.migrationFolder())
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** True when a trivial query answers: what /ready reports. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
