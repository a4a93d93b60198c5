package dance.normal.server.support;

import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A fresh, migrated database of one kind for a repository test, with the catalog rows token tables refer to.
 * Repository methods take the caller's handle, so a test opens the transaction itself, as a service would.
 */
public final class RepositoryFixture implements AutoCloseable {

    private final Database db;
    private final CatalogRepository catalog;

    private RepositoryFixture(Database db) {
        this.db = db;
        this.catalog = ServerWithDatabase.repository(db);
    }

    public static RepositoryFixture open(Databases.Kind kind) {
        try {
            Optional<String> url = kind == Databases.Kind.POSTGRES
                    ? Optional.of(Databases.newPostgresDatabase()) : Optional.empty();
            return new RepositoryFixture(Database.open(Files.createTempDirectory("nd-repo-"), url, Optional.empty(),
                    Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Database db() {
        return db;
    }

    public CatalogRepository catalog() {
        return catalog;
    }

    /** A new listener account; its id. */
    public String account(Handle h) {
        String id = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO accounts (id, email, password_hash, role, created_at) "
                        + "VALUES (:id, :e, 'x', 'listener', 0)")
                .bind("id", id).bind("e", id + "@example.test").execute();
        return id;
    }

    /** A new artist (with an account) and one track of theirs. */
    public Track track(Handle h) {
        String account = account(h);
        Artist artist = catalog.createArtist(h, account, "Artist " + account.substring(0, 8), "");
        return catalog.insertTrack(h, new NewTrack(artist.id(), "Release", 2024, null, "Song", 1, null, 200_000,
                "MP3", "audio/mpeg", 192, 4_800_000, "a".repeat(64), -12.5, -0.3));
    }

    @Override
    public void close() {
        db.close();
    }
}
