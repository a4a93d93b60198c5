package dance.normal.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.Page;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.db.Database;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Json;
import dance.normal.server.support.Databases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The catalog repository and its full-text search on SQLite (FTS5) and PostgreSQL (tsvector): prefix matching,
 * ranking, hostile queries, and cursor pagination that returns every track exactly once.
 */
class CatalogRepositoryIT {

    private static final Map<Databases.Kind, Database> DATABASES = new EnumMap<>(Databases.Kind.class);
    private static final List<Path> DIRS = new ArrayList<>();

    /**
     * A repository over an empty, migrated database of this kind. One database per kind serves every test and is
     * emptied before each (a new PostgreSQL database per test would cost a second each).
     */
    private static synchronized Catalog repository(Databases.Kind kind) {
        Database db = DATABASES.computeIfAbsent(kind, k -> {
            try {
                Path dir = Files.createTempDirectory("nd-catalog-");
                DIRS.add(dir);
                Optional<String> url = k == Databases.Kind.POSTGRES
                        ? Optional.of(Databases.newPostgresDatabase()) : Optional.empty();
                return Database.open(dir, url, Optional.empty(), Optional.empty());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        db.jdbi().useTransaction(h -> {
            List<String> tables = kind == Databases.Kind.SQLITE
                    ? List.of("track_search", "track_search_ids", "tracks", "releases", "artists", "changes")
                    : List.of("track_search", "tracks", "releases", "artists", "changes");
            tables.forEach(t -> h.execute("DELETE FROM " + t));
        });
        ChangeFeed feed = new ChangeFeed(db.jdbi(), db.dialect(), Json.mapper());
        CatalogRepository repository = new CatalogRepository(db, feed);
        return new Catalog(db.jdbi(), repository, new CatalogService(db.jdbi(), repository, feed));
    }

    /** The repository, written to in the caller's transaction, and the service the server reads it through. */
    private record Catalog(Jdbi jdbi, CatalogRepository repository, CatalogService service) {
    }

    @AfterAll
    static void close() throws IOException {
        DATABASES.values().forEach(Database::close);
        DATABASES.clear();
        for (Path dir : DIRS) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Artist artist(Catalog repo, String name) {
        return repo.jdbi().inTransaction(h -> repo.repository().createArtist(h, null, name, ""));
    }

    private static Track track(Catalog repo, Artist artist, String release, String title, String genre) {
        return repo.jdbi().inTransaction(h -> repo.repository().insertTrack(h, new NewTrack(artist.id(), release,
                2020, null, title, 1, genre, 200_000, "MP3", "audio/mpeg", 192, 4_800_000, "a".repeat(64), -12.5,
                -0.3)));
    }

    private static List<String> titles(Catalog repo, String query) {
        return repo.service().tracks(query, null, 100).items().stream().map(Track::title).toList();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void insertedTracksReadBackWithTheirArtistAndRelease(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist artist = artist(repo, "Ada Lovelace Trio");
        Track t = track(repo, artist, "Engines", "Analytical", "Jazz");
        assertThat(t.artistName()).isEqualTo("Ada Lovelace Trio");
        assertThat(t.releaseTitle()).isEqualTo("Engines");
        assertThat(t.durationMs()).isEqualTo(200_000);
        assertThat(t.loudnessLufs()).isEqualTo(-12.5);
        assertThat(t.peakDbfs()).isEqualTo(-0.3);
        assertThat(repo.service().track(t.id())).contains(t);
        Track second = track(repo, artist, "Engines", "Difference", "Jazz");
        assertThat(second.releaseId()).as("same release title, same release").isEqualTo(t.releaseId());
        Release release = repo.service().release(t.releaseId()).orElseThrow();
        assertThat(release.tracks()).extracting(Track::id).containsExactlyInAnyOrder(t.id(), second.id());
        assertThat(repo.service().artist(artist.id()).orElseThrow().releases()).extracting(Release::id)
                .containsExactly(t.releaseId());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void prefixMatching(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Frédéric Chopin");
        track(repo, a, "Night Pieces", "Nocturne", "Classical");
        track(repo, a, "Night Pieces", "Waltz", "Classical");
        for (String q : List.of("noc", "Noc", "NOC", "nocturne", "Nocturne", "n")) {
            assertThat(titles(repo, q)).as(q).contains("Nocturne");
        }
        assertThat(titles(repo, "noc")).containsExactly("Nocturne");
        assertThat(titles(repo, "nocx")).isEmpty();
        assertThat(titles(repo, "octurne")).as("prefixes only, not infixes").isEmpty();
        // Artist and release names are searched too.
        assertThat(titles(repo, "chop")).containsExactlyInAnyOrder("Nocturne", "Waltz");
        assertThat(titles(repo, "pieces")).containsExactlyInAnyOrder("Nocturne", "Waltz");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void everyWordOfAQueryMustMatch(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Various");
        track(repo, a, "Colours", "Blue Nocturne", "Jazz");
        track(repo, a, "Colours", "Nocturne in Red", "Jazz");
        track(repo, a, "Colours", "Blue Monday", "Pop");
        assertThat(titles(repo, "noc blue")).containsExactly("Blue Nocturne");
        assertThat(titles(repo, "blue   noc")).containsExactly("Blue Nocturne");
        assertThat(titles(repo, "blue")).containsExactlyInAnyOrder("Blue Nocturne", "Blue Monday");
        assertThat(titles(repo, "nocturne red")).containsExactly("Nocturne in Red");
        assertThat(titles(repo, "blue pop")).containsExactly("Blue Monday");
        assertThat(titles(repo, "blue jazz colours")).containsExactly("Blue Nocturne");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void titleMatchesRankBeforeGenreOnlyMatches(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Ranking Band");
        // Inserted so that the genre-only matches come first in storage and in id order would be arbitrary.
        track(repo, a, "Evenings", "Quiet Evening", "Jazz");
        track(repo, a, "Evenings", "Slow Morning", "Jazz");
        track(repo, a, "Evenings", "Jazz Odyssey", "Rock");
        List<String> results = titles(repo, "jazz");
        assertThat(results).hasSize(3);
        assertThat(results.getFirst()).isEqualTo("Jazz Odyssey");
        assertThat(titles(repo, "jaz").getFirst()).isEqualTo("Jazz Odyssey");
    }

    @ParameterizedTest
    @EnumSource(value = Databases.Kind.class, names = "SQLITE")
    void diacriticsAreIgnoredOnSqlite(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Beyoncé");
        track(repo, a, "Paris", "Café Noir", "Chanson");
        track(repo, a, "Paris", "Cafe Society", "Chanson");
        assertThat(titles(repo, "cafe")).containsExactlyInAnyOrder("Café Noir", "Cafe Society");
        assertThat(titles(repo, "café")).containsExactlyInAnyOrder("Café Noir", "Cafe Society");
        assertThat(titles(repo, "CAFÉ NOIR")).containsExactly("Café Noir");
        assertThat(titles(repo, "beyonce")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void accentedQueriesFindAccentedTitles(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Sigur Rós");
        track(repo, a, "Ágætis byrjun", "Svefn-g-englar", "Post-rock");
        track(repo, a, "Ágætis byrjun", "Ný batterí", "Post-rock");
        assertThat(titles(repo, "rós")).hasSize(2);
        assertThat(titles(repo, "ný")).containsExactly("Ný batterí");
        assertThat(titles(repo, "ÁGÆTIS")).hasSize(2);
        assertThat(titles(repo, "svefn englar")).containsExactly("Svefn-g-englar");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void operatorsAndSqlInQueriesAreJustText(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Meta Characters");
        track(repo, a, "Night", "Nocturne", "Classical");
        track(repo, a, "Night", "Blue Nocturne", "Jazz");
        track(repo, a, "Night", "Orbit", "Ambient");

        // Queries whose only word is "noc", wrapped in every operator FTS5, tsquery or SQL would interpret.
        for (String q : List.of("noc\"", "\"noc", "\"noc\"", "noc*", "*noc", "(noc)", "noc:", "noc:*", "-noc",
                "noc -", "&noc", "noc&", "noc|", "|noc", "!noc", "noc!", "noc'", "'noc", "noc;", "noc--", "%noc%",
                "noc_", "noc\\", "^noc", "{noc}", "[noc]", "noc+", "<noc>", "noc~", "noc @@", "noc#", "noc/*")) {
            assertThat(titles(repo, q)).as(q).containsExactlyInAnyOrder("Nocturne", "Blue Nocturne");
        }
        for (String q : List.of("\"", "*", "-", ":", "&", "|", "!", "(", ")", "'", "\\", "%", "_", "--", "\"\"",
                "''", ":*", "&&", "||", "!!", "(((", ")))", "\u0000", "\uD83C\uDFB5", "\t", "NEAR(", "NEAR(noc",
                "NEAR(noc blue)", "noc OR orb", "OR", "AND", "NOT", "noc NOT blue", "noc AND", "title:noc",
                "{title}: noc", "noc OR", "'; DROP TABLE tracks; --", "\" OR 1=1 --", "x' OR '1'='1",
                "1; DELETE FROM tracks", "noc <-> blue", "noc & !blue", "noc | orbit", "noc:A", "noc:*A",
                "a".repeat(5000), "noc ".repeat(500))) {
            Page<Track> page = repo.service().tracks(q, null, 10);
            assertThat(page.items()).as(q).allSatisfy(t -> assertThat(t.id()).isNotBlank());
        }
        // Words that are operators elsewhere are plain words here: "OR" finds "Orbit" by prefix, and "noc OR"
        // needs both words, which no title has.
        assertThat(titles(repo, "OR")).containsExactly("Orbit");
        assertThat(titles(repo, "noc OR")).isEmpty();
        assertThat(titles(repo, "NEAR(noc blue)")).isEmpty();
        assertThat(titles(repo, "noc NOT blue")).isEmpty();
        assertThat(titles(repo, "\"")).isEmpty();
        // Nothing was dropped or deleted.
        assertThat(repo.service().tracks(null, null, 10).items()).hasSize(3);
        assertThat(titles(repo, "noc")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void deletedTracksLeaveSearchAndListing(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Deleter");
        Track keep = track(repo, a, "R", "Keep Zephyr", "X");
        Track gone = track(repo, a, "R", "Gone Zephyr", "X");
        repo.jdbi().useTransaction(h -> repo.repository().deleteTrack(h, gone.id()));
        repo.jdbi().useTransaction(h -> repo.repository().deleteTrack(h, gone.id())); // twice is harmless
        assertThat(titles(repo, "zephyr")).containsExactly("Keep Zephyr");
        assertThat(repo.service().tracks(null, null, 10).items()).extracting(Track::id).containsExactly(keep.id());
        assertThat(repo.service().track(gone.id())).isEmpty();
        assertThat(repo.service().storedFile(gone.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDraftWithAnUploadIdIsInNoListenersRead(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Drafter");
        String upload = UUID.randomUUID().toString();
        long before = repo.service().tracks(null, null, 10).items().size();
        long seq = new ChangeFeed(repo.jdbi(), kind == Databases.Kind.SQLITE ? dance.normal.server.db.Dialect.SQLITE
                : dance.normal.server.db.Dialect.POSTGRES, Json.mapper()).latestSeq();
        Track draft = repo.jdbi().inTransaction(h -> repo.repository().insertTrack(h, new NewTrack(a.id(),
                "Unseen", 2026, null, "Quiet Draft", 1, "X", 200_000, "MP3", "audio/mpeg", 192, 4_800_000,
                "b".repeat(64), -12.5, -0.3).asDraft(upload)));
        assertThat(draft.title()).isEqualTo("Quiet Draft");
        assertThat(repo.service().tracks(null, null, 10).items()).hasSize((int) before);
        assertThat(titles(repo, "quiet")).isEmpty();
        assertThat(repo.service().track(draft.id())).isEmpty();
        assertThat(repo.service().release(draft.releaseId())).isEmpty();
        assertThat(repo.service().artist(a.id()).orElseThrow().releases()).isEmpty();
        int changes = repo.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM changes WHERE seq > :s")
                .bind("s", seq).mapTo(Integer.class).one());
        assertThat(changes).as("a draft makes no change").isZero();
        String storedUpload = repo.jdbi().withHandle(h -> h.createQuery("SELECT upload_id FROM tracks WHERE id = :id")
                .bind("id", draft.id()).mapTo(String.class).one());
        assertThat(storedUpload).isEqualTo(upload);
        Optional<Track> live = repo.jdbi().withHandle(h -> repo.repository().liveTrack(h, draft.id()));
        assertThat(live).isPresent();
        assertThatThrownBy(() -> repo.jdbi().useTransaction(h -> repo.repository().insertTrack(h, new NewTrack(
                a.id(), "Unseen", 2026, null, "Again", 2, "X", 200_000, "MP3", "audio/mpeg", 192, 4_800_000,
                "b".repeat(64), -12.5, -0.3).asDraft(upload)))).as("one track per upload").isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void renamingAnArtistReindexesTheirTracks(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Old Name");
        track(repo, a, "R", "Some Song", "X");
        repo.jdbi().useTransaction(h -> repo.repository().updateArtist(h, a.id(), "Quasar Collective", null, null));
        assertThat(titles(repo, "quasar")).containsExactly("Some Song");
        assertThat(titles(repo, "old")).isEmpty();
        assertThat(repo.service().tracks("quasar", null, 10).items().getFirst().artistName())
                .isEqualTo("Quasar Collective");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void searchPagesReturnEveryMatchExactlyOnce(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Pager");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            // Mixed relevance: some have the word twice, some only in the genre.
            String title = i % 3 == 0 ? "Song Song " + i : i % 3 == 1 ? "Song " + i : "Tune " + i;
            expected.add(track(repo, a, "Pages", title, i % 3 == 2 ? "Songwriter" : "Pop").id());
        }
        track(repo, a, "Pages", "Unrelated", "Pop");
        for (int limit : new int[] {1, 4, 7, 100}) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page<Track> page = repo.service().tracks("song", cursor, limit);
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                page.items().forEach(t -> seen.add(t.id()));
                cursor = page.nextCursor();
                pages++;
                assertThat(pages).isLessThan(100);
            } while (cursor != null);
            assertThat(seen).as("limit %d", limit).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    expected);
            assertThat(seen).isEqualTo(repo.service().tracks("song", null, 100).items().stream().map(Track::id)
                    .toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void listingPagesReturnEveryTrackExactlyOnceNewestFirst(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Lister");
        Set<String> expected = new HashSet<>();
        // Many inserts in one transaction, so that several share a created_at millisecond: the keyset must break ties.
        repo.jdbi().useTransaction(h -> {
            for (int i = 0; i < 40; i++) {
                expected.add(repo.repository().insertTrack(h, new NewTrack(a.id(), "List", null, null, "Item " + i,
                        i + 1, null, 1000, "WAV", "audio/wav", 1411, 100, "b".repeat(64), null, null)).id());
            }
        });
        for (int limit : new int[] {1, 3, 10, 100}) {
            List<Track> seen = new ArrayList<>();
            String cursor = null;
            do {
                Page<Track> page = repo.service().tracks(null, cursor, limit);
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                seen.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(seen).extracting(Track::id).as("limit %d", limit).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(seen).extracting(Track::id).isEqualTo(repo.service().tracks(null, null, 100).items().stream()
                    .map(Track::id).toList());
        }
        // A blank query is the listing.
        assertThat(repo.service().tracks("   ", null, 100).items()).hasSize(40);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void foreignCursorsAreRefusedWith400(Databases.Kind kind) {
        Catalog repo = repository(kind);
        Artist a = artist(repo, "Cursor");
        for (int i = 0; i < 3; i++) {
            track(repo, a, "C", "Cursor Song " + i, "X");
        }
        String searchCursor = repo.service().tracks("cursor", null, 1).nextCursor();
        String listCursor = repo.service().tracks(null, null, 1).nextCursor();
        assertThat(searchCursor).isNotNull();
        assertThat(listCursor).isNotNull();
        List<String> bad = new ArrayList<>(List.of("abc", "!!!", "-1", "o:-5", "b2", "' OR 1=1 --", "%00"));
        for (String raw : List.of("o:-5", "o:999999999", "o:", "o:1.5", "k:99999999999999999999:"
                + UUID.randomUUID(), "k:1:not-a-uuid", "k:x:" + UUID.randomUUID(), "k:1", "k::", "x:1")) {
            bad.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
        for (String cursor : bad) {
            assertBadCursor(() -> repo.service().tracks("cursor", cursor, 10));
            assertBadCursor(() -> repo.service().tracks(null, cursor, 10));
        }
        // A search cursor is no listing cursor, and the other way round.
        assertBadCursor(() -> repo.service().tracks(null, searchCursor, 10));
        assertBadCursor(() -> repo.service().tracks("cursor", listCursor, 10));
    }

    private static void assertBadCursor(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
