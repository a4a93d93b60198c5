package dance.normal.sync.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code playlists} table of the local store, on the caller's connection (and so in its transaction). */
final class PlaylistRows {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final ObjectMapper json;
    private final Clock clock;

    PlaylistRows(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Inserts or replaces a playlist, stamped with the time now. */
    void save(Connection c, LocalPlaylist p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO playlists (local_id, server_id, name, track_ids, "
                + "version, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (local_id) DO UPDATE SET "
                + "server_id = excluded.server_id, name = excluded.name, track_ids = excluded.track_ids, "
                + "version = excluded.version, updated_at = excluded.updated_at")) {
            ps.setString(1, p.localId());
            ps.setString(2, p.serverId());
            ps.setString(3, p.name());
            ps.setString(4, toJson(p.trackIds()));
            ps.setLong(5, p.version());
            ps.setString(6, clock.instant().toString());
            ps.executeUpdate();
        }
    }

    /** Every playlist, the latest changed first. */
    List<LocalPlaylist> all(Connection c) throws SQLException {
        List<LocalPlaylist> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM playlists ORDER BY updated_at DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    Optional<LocalPlaylist> find(Connection c, String localId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM playlists WHERE local_id = ?")) {
            ps.setString(1, localId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    Optional<LocalPlaylist> findByServerId(Connection c, String serverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM playlists WHERE server_id = ?")) {
            ps.setString(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private LocalPlaylist read(ResultSet rs) throws SQLException {
        try {
            return new LocalPlaylist(rs.getString("local_id"), rs.getString("server_id"), rs.getString("name"),
                    json.readValue(rs.getString("track_ids"), STRINGS), rs.getLong("version"));
        } catch (JsonProcessingException e) {
            throw new SQLException("A stored playlist cannot be read", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
