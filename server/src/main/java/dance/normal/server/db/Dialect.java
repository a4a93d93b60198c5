package dance.normal.server.db;

import java.util.Map;

/** The two databases the server runs on; the differences the migrations and queries care about. */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "sqlite"),
    POSTGRES("BIGSERIAL PRIMARY KEY", "BYTEA", "postgresql");

    private final String seqPk;
    private final String blob;
    private final String migrationFolder;

    Dialect(String seqPk, String blob, String migrationFolder) {
        this.seqPk = seqPk;
        this.blob = blob;
        this.migrationFolder = migrationFolder;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("Unsupported database URL; use jdbc:sqlite: or jdbc:postgresql:");
    }

    Map<String, String> placeholders() {
        return Map.of("seq_pk", seqPk, "blob", blob);
    }

    String migrationFolder() {
        return migrationFolder;
    }
}
