package dance.normal.sync.download;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code downloads} table of the local store, on the caller's connection (and so in its transaction). */
final class DownloadRows {

    private DownloadRows() {
    }

    /** Runs {@code sql}, an update whose one parameter before the track id is {@code value}. */
    static Void set(Connection c, String sql, long value, String trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, value);
            ps.setString(2, trackId);
            ps.executeUpdate();
        }
        return null;
    }

    /** Queues a download, or queues again a failed or paused one (a pin then stays). */
    static void queue(Connection c, String trackId, long bytesTotal, String sha256, String fileName, boolean pinned,
                      String createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO downloads (track_id, state, bytes_total, "
                + "sha256, file_name, pinned, created_at) VALUES (?, 'QUEUED', ?, ?, ?, ?, ?) "
                + "ON CONFLICT (track_id) DO UPDATE SET state = 'QUEUED', error = NULL, "
                + "pinned = max(downloads.pinned, excluded.pinned)")) {
            ps.setString(1, trackId);
            ps.setLong(2, bytesTotal);
            ps.setString(3, sha256);
            ps.setString(4, fileName);
            ps.setInt(5, pinned ? 1 : 0);
            ps.setString(6, createdAt);
            ps.executeUpdate();
        }
    }

    static Void setState(Connection c, String trackId, Download.State state, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE downloads SET state = ?, error = ? WHERE track_id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, error);
            ps.setString(3, trackId);
            ps.executeUpdate();
        }
        return null;
    }

    static long used(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(bytes_total), 0) FROM downloads WHERE state = 'DONE'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Optional<Download> find(Connection c, String trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM downloads WHERE track_id = ?")) {
            ps.setString(1, trackId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Download(trackId, Download.State.valueOf(rs.getString("state")),
                        rs.getLong("bytes_done"), rs.getLong("bytes_total"), rs.getInt("pinned") == 1,
                        rs.getString("error")));
            }
        }
    }

    static Optional<String> fileName(Connection c, String trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name FROM downloads WHERE track_id = ?")) {
            ps.setString(1, trackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static String sha256(Connection c, String trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM downloads WHERE track_id = ?")) {
            ps.setString(1, trackId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static List<String> ids(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static Void update(Connection c, String sql, String trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, trackId);
            ps.executeUpdate();
        }
        return null;
    }
}
