package dance.normal.server.support;

import dance.normal.server.ServerConfig;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.db.Database;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A started server plus a second, direct connection to its database (the same SQLite file, or the same PostgreSQL
 * database), with a {@link CatalogRepository} over it: for tests that write the catalog faster or more precisely
 * than uploads can, and read what the server stored.
 */
public record ServerWithDatabase(TestServer server, Database db, CatalogRepository catalog) implements AutoCloseable {

    public static ServerWithDatabase start(Databases.Kind kind) {
        AtomicReference<ServerConfig> config = new AtomicReference<>();
        TestServer server = TestServer.start(kind, c -> {
            config.set(c);
            return c;
        });
        try {
            Path dir = kind == Databases.Kind.SQLITE ? server.dataDir() : Files.createTempDirectory("nd-direct-");
            Database db = Database.open(dir, config.get().jdbcUrl(), Optional.empty(), Optional.empty());
            return new ServerWithDatabase(server, db, repository(db));
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A catalog repository over {@code db} that records its changes in the feed, as the server's does. */
    public static CatalogRepository repository(Database db) {
        return new CatalogRepository(db, new ChangeFeed(db.jdbi(), db.dialect(), Json.mapper()));
    }

    @Override
    public void close() {
        db.close();
        server.close();
    }
}
