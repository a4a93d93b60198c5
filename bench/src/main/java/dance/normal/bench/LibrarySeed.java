package dance.normal.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the two libraries the start-up benchmark compares, straight into their SQLite files:
 * <ul>
 *   <li>{@code likes SERVER_DB}: the demo listener of the Normal Dance server likes every track of the catalog
 *       (the app then syncs them into its Library, as it would for a listener with that many);</li>
 *   <li>{@code strawberry STRAWBERRY_DB N}: Strawberry's collection gets N songs spread over artists and albums as
 *       a scan of N files would have left them (the files themselves are not needed to load the collection).</li>
 * </ul>
 * Prints one line: {@code SEEDED what=... rows=N}.
 */
public final class LibrarySeed {

    private LibrarySeed() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length < 2) {
            throw new IllegalArgumentException("Usage: LibrarySeed likes SERVER_DB | strawberry STRAWBERRY_DB N");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Path.of(args[1]).toAbsolutePath())) {
            c.createStatement().execute("PRAGMA busy_timeout = 30000");
            int rows = switch (args[0]) {
                case "likes" -> likes(c);
                case "strawberry" -> strawberry(c, Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("Unknown seed " + args[0]);
            };
            System.out.println("SEEDED what=" + args[0] + " rows=" + rows);
        }
    }

    private static int likes(Connection c) throws SQLException {
        String account;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM accounts WHERE email LIKE 'listener-%@demo.normal.dance'")) {
            if (!rs.next()) {
                throw new IllegalStateException("No demo listener on the server yet");
            }
            account = rs.getString(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO likes (account_id, track_id, liked_at) "
                + "SELECT ?, id, created_at FROM tracks WHERE deleted_at IS NULL ON CONFLICT DO NOTHING")) {
            ps.setString(1, account);
            return ps.executeUpdate();
        }
    }

    private static int strawberry(Connection c, int n) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM songs");
            s.execute("DELETE FROM directories");
            s.execute("INSERT INTO directories (rowid, path, subdirs) VALUES (1, '/srv/music', 1)");
        }
        long now = System.currentTimeMillis() / 1000;
        java.util.random.RandomGenerator r = new java.util.SplittableRandom(7);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO songs (title, album, artist, albumartist, track, "
                + "year, genre, length, bitrate, samplerate, bitdepth, source, directory_id, url, filetype, filesize, "
                + "mtime, ctime, unavailable, effective_albumartist, effective_originalyear, lastseen) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 900, 44100, 16, 2, 1, ?, 5, ?, ?, ?, 0, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                int artist = i / 20;
                int album = i / 5;
                String artistName = Words.capitalise(Words.pick(r, Words.FIRST_NAMES) + " "
                        + Words.pick(r, Words.LAST_NAMES)) + " " + artist;
                String albumName = Words.capitalise(Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS))
                        + " " + album;
                String path = "/srv/music/" + artist + "/" + album + "/" + i + ".flac";
                ps.setString(1, Words.capitalise(Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS)));
                ps.setString(2, albumName);
                ps.setString(3, artistName);
                ps.setString(4, artistName);
                ps.setInt(5, i % 5 + 1);
                ps.setInt(6, 1990 + album % 35);
                ps.setString(7, "Electronic");
                ps.setLong(8, 200_000_000_000L + (i % 90) * 1_000_000_000L); // nanoseconds
                ps.setString(9, "file://" + path);
                ps.setLong(10, 30_000_000L);
                ps.setLong(11, now);
                ps.setLong(12, now);
                ps.setString(13, artistName);
                ps.setInt(14, 1990 + album % 35);
                ps.setLong(15, now);
                ps.addBatch();
                if (i % 5_000 == 4_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        return n;
    }
}
