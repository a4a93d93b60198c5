package dance.normal.bench;

import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.db.Database;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Fills a server data directory with a generated catalog for the search benchmark, through the server's own
 * {@link CatalogRepository} (so the search index and change feed are written exactly as uploads write them), and
 * writes a file of search queries drawn from the generated catalog: one or two word prefixes of 2 to 6 letters, the
 * way people type into a search box.
 *
 * <p>Usage: {@code CatalogGenerator --data-dir DIR --queries FILE [--tracks 100000] [--artists 5000]
 * [--releases 20000] [--query-count 2000] [--batch 1000] [--seed 42]}
 */
public final class CatalogGenerator {

    private record Rel(String artistId, String artistName, String title, int year, String genre, int[] nextNo) {
    }

    private record Generated(String title, String artist, String release) {
    }

    private CatalogGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = null;
        Path queriesFile = null;
        int tracks = 100_000;
        int artists = 5_000;
        int releases = 20_000;
        int queryCount = 2_000;
        int batch = 1_000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(v);
                case "--queries" -> queriesFile = Path.of(v);
                case "--tracks" -> tracks = Integer.parseInt(v);
                case "--artists" -> artists = Integer.parseInt(v);
                case "--releases" -> releases = Integer.parseInt(v);
                case "--query-count" -> queryCount = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
            i++;
        }
        if (dataDir == null || queriesFile == null) {
            throw new IllegalArgumentException("--data-dir and --queries are required");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long started = System.nanoTime();
        List<Generated> made = new ArrayList<>(tracks);

        try (Database db = Database.open(dataDir, Optional.empty(), Optional.empty(), Optional.empty())) {
            ChangeFeed feed = new ChangeFeed(db.jdbi(), db.dialect(), Json.mapper());
            CatalogRepository catalog = new CatalogRepository(db, feed);

            List<String> names = artistNames(random, artists);
            List<String[]> artistRows = new ArrayList<>(names.size());
            for (int from = 0; from < names.size(); from += batch) {
                List<String> chunk = names.subList(from, Math.min(names.size(), from + batch));
                db.jdbi().useTransaction(h -> {
                    for (String name : chunk) {
                        String id = catalog.createArtist(h, null, name, "Generated for the search benchmark.").id();
                        artistRows.add(new String[] {id, name});
                    }
                });
            }

            List<Rel> rels = releases(random, artistRows, releases);
            HexFormat hex = HexFormat.of();
            byte[] sha = new byte[32];
            int done = 0;
            while (done < tracks) {
                int n = Math.min(batch, tracks - done);
                List<NewTrack> chunk = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    Rel rel = rels.get(random.nextInt(rels.size()));
                    String title = trackTitle(random);
                    random.nextBytes(sha);
                    long durationMs = 90_000 + random.nextInt(330_000);
                    int kbps = random.nextInt(4) == 0 ? 1411 : 320;
                    chunk.add(new NewTrack(rel.artistId(), rel.title(), rel.year(), null, title, ++rel.nextNo()[0],
                            random.nextInt(10) == 0 ? Words.pick(random, Words.GENRES) : rel.genre(), durationMs,
                            kbps == 1411 ? "FLAC" : "MP3", kbps == 1411 ? "audio/flac" : "audio/mpeg", kbps,
                            durationMs * kbps / 8, hex.formatHex(sha), -14.0 + random.nextInt(80) / 10.0,
                            -random.nextInt(30) / 10.0));
                    made.add(new Generated(title, rel.artistName(), rel.title()));
                }
                db.jdbi().useTransaction(h -> {
                    for (NewTrack t : chunk) {
                        catalog.insertTrack(h, t);
                    }
                });
                done += n;
                if (done % 20_000 == 0 || done == tracks) {
                    System.err.printf(Locale.ROOT, "generated %d tracks (%.1f s)%n", done,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            int releaseCount = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM releases")
                    .mapTo(Integer.class).one());
            System.out.printf(Locale.ROOT, "CATALOG tracks=%d artists=%d releases=%d seconds=%.1f%n", done,
                    artistRows.size(), releaseCount, (System.nanoTime() - started) / 1e9);
        }
        Files.write(queriesFile, queries(random, made, queryCount), StandardCharsets.UTF_8);
    }

    private static List<String> artistNames(SplittableRandom r, int count) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            int kind = r.nextInt(10);
            String name;
            if (kind < 5) {
                name = Words.pick(r, Words.FIRST_NAMES) + " " + Words.pick(r, Words.LAST_NAMES);
            } else if (kind < 8) {
                name = "the " + Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS) + "s";
            } else {
                name = Words.pick(r, Words.NOUNS) + " " + Words.pick(r, Words.NOUNS);
            }
            names.add(Words.capitalise(name));
        }
        return new ArrayList<>(names);
    }

    private static List<Rel> releases(SplittableRandom r, List<String[]> artists, int count) {
        Set<String> seen = new HashSet<>();
        List<Rel> rels = new ArrayList<>(count);
        while (rels.size() < count) {
            String[] artist = artists.get(r.nextInt(artists.size()));
            String title = switch (r.nextInt(4)) {
                case 0 -> Words.pick(r, Words.NOUNS);
                case 1 -> Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS);
                case 2 -> Words.pick(r, Words.NOUNS) + " and " + Words.pick(r, Words.NOUNS);
                default -> Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS) + "s";
            };
            title = Words.capitalise(title);
            if (seen.add(artist[0] + "\u0000" + title)) {
                rels.add(new Rel(artist[0], artist[1], title, 1965 + r.nextInt(61), Words.pick(r, Words.GENRES),
                        new int[] {0}));
            }
        }
        return rels;
    }

    private static String trackTitle(SplittableRandom r) {
        String title = switch (r.nextInt(6)) {
            case 0 -> Words.pick(r, Words.NOUNS);
            case 1, 2 -> Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS);
            case 3 -> Words.pick(r, Words.VERBS) + " " + Words.pick(r, Words.NOUNS);
            case 4 -> Words.pick(r, Words.NOUNS) + " of the " + Words.pick(r, Words.NOUNS);
            default -> Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS) + " "
                    + Words.pick(r, Words.NOUNS);
        };
        return Words.capitalise(title);
    }

    /**
     * Queries drawn from generated tracks: one word (60%) or two words (40%) of the title, artist or release, each cut
     * to a prefix of 2 to 6 letters, as typed while searching for something that exists.
     */
    private static List<String> queries(SplittableRandom r, List<Generated> made, int count) {
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            Generated g = made.get(r.nextInt(made.size()));
            List<String> pool = new ArrayList<>();
            int where = r.nextInt(10);
            if (where < 6) {
                pool.addAll(words(g.title()));
            } else if (where < 8) {
                pool.addAll(words(g.artist()));
            } else {
                pool.addAll(words(g.release()));
            }
            if (pool.isEmpty()) {
                continue;
            }
            StringBuilder q = new StringBuilder(prefix(r, pool.remove(r.nextInt(pool.size()))));
            if (r.nextInt(10) < 4) {
                List<String> second = r.nextBoolean() || pool.isEmpty() ? words(g.artist()) : pool;
                if (!second.isEmpty()) {
                    q.append(' ').append(prefix(r, second.get(r.nextInt(second.size()))));
                }
            }
            out.add(q.toString());
        }
        return out;
    }

    /** The words of a name worth typing (three letters or more), lower-case. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split(" ")) {
            if (w.length() >= 3 && !w.equals("the") && !w.equals("and")) {
                words.add(w);
            }
        }
        return words;
    }

    private static String prefix(SplittableRandom r, String word) {
        int max = Math.min(6, word.length());
        return word.substring(0, 2 + r.nextInt(max - 1));
    }
}
