package dance.normal.sync.upload;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code uploads} table of the local store, on the caller's connection (and so in its transaction). */
final class UploadRows {

    private UploadRows() {
    }

    static void insert(Connection c, Upload u, long modifiedMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO uploads (id, path, file_name, size, modified_ms, "
                + "state, created_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, "
                + "(SELECT coalesce(max(seq), 0) + 1 FROM uploads))")) {
            ps.setString(1, u.id());
            ps.setString(2, u.path().toString());
            ps.setString(3, u.fileName());
            ps.setLong(4, u.size());
            ps.setLong(5, modifiedMs);
            ps.setString(6, u.state().name());
            ps.setString(7, u.createdAt().toString());
            ps.executeUpdate();
        }
    }

    static Optional<Upload> find(Connection c, String id) throws SQLException {
        List<Upload> found = select(c, "SELECT * FROM uploads WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    static List<Upload> all(Connection c) throws SQLException {
        return select(c, "SELECT * FROM uploads ORDER BY seq", null);
    }

    static List<Upload> inState(Connection c, Upload.State state) throws SQLException {
        return select(c, "SELECT * FROM uploads WHERE state = ? ORDER BY seq", state.name());
    }

    /** Whether an unfinished upload of this file is in the queue. */
    static boolean pending(Connection c, Path path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM uploads WHERE path = ? AND state NOT IN ('DONE', 'REFUSED')")) {
            ps.setString(1, path.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static long modifiedMs(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT modified_ms FROM uploads WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Sets the state; the reason is kept only for {@code REFUSED} and {@code FAILED}. */
    static void setState(Connection c, String id, Upload.State state, String reasonCode, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE uploads SET state = ?, reason_code = ?, reason = ? WHERE id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, reasonCode);
            ps.setString(3, reason);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    static void setSent(Connection c, String id, long bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE uploads SET bytes_sent = ? WHERE id = ?")) {
            ps.setLong(1, bytes);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** The server's URL of the upload (null to start again: then nothing was sent). */
    static void setUrl(Connection c, String id, String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE uploads SET upload_url = ?, bytes_sent = 0 WHERE id = ?")) {
            ps.setString(1, url);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    static void done(Connection c, String id, String trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE uploads SET state = 'DONE', track_id = ?, "
                + "bytes_sent = size, upload_url = NULL, reason_code = NULL, reason = NULL WHERE id = ?")) {
            ps.setString(1, trackId);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** Refused by the server: its upload is gone there. */
    static void refused(Connection c, String id, String code, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE uploads SET state = 'REFUSED', upload_url = NULL, "
                + "reason_code = ?, reason = ? WHERE id = ?")) {
            ps.setString(1, code);
            ps.setString(2, reason);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM uploads WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** After a restart: what was on its way is queued again (its bytes on the server stay). */
    static void requeueInterrupted(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE uploads SET state = 'QUEUED' WHERE state IN ('UPLOADING', 'CHECKING')")) {
            ps.executeUpdate();
        }
    }

    private static List<Upload> select(Connection c, String sql, String parameter) throws SQLException {
        List<Upload> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Upload(rs.getString("id"), Path.of(rs.getString("path")), rs.getString("file_name"),
                            rs.getLong("size"), Upload.State.valueOf(rs.getString("state")),
                            rs.getLong("bytes_sent"), rs.getString("upload_url"), rs.getString("track_id"),
                            rs.getString("reason_code"), rs.getString("reason"),
                            Instant.parse(rs.getString("created_at"))));
                }
            }
        }
        return out;
    }
}
