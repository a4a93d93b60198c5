package dance.normal.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {

    @TempDir
    Path dir;

    @Test
    void eachUserHasTheirOwnStore() {
        try (LocalStore a = LocalStore.forUser(dir, "user-a"); LocalStore b = LocalStore.forUser(dir, "user-b")) {
            a.write(c -> {
                LocalStore.setState(c, "k", "a's");
                return null;
            });
            Optional<String> seenByB = b.read(c -> LocalStore.state(c, "k"));
            assertThat(seenByB).isEmpty();
            assertThat(a.file()).isEqualTo(dir.resolve("users/user-a/library.db"));
        }
        assertThatThrownBy(() -> LocalStore.forUser(dir, "../escape")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try (LocalStore store = LocalStore.open(dir.resolve("s.db"))) {
            assertThatThrownBy(() -> store.write(c -> {
                LocalStore.setState(c, "half", "written");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            Optional<String> half = store.read(c -> LocalStore.state(c, "half"));
            assertThat(half).isEmpty();
        }
    }

    @Test
    void migrationsRunOnceAndANewerStoreIsRefused() throws Exception {
        Path file = dir.resolve("m.db");
        try (LocalStore store = LocalStore.open(file)) {
            int version = store.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(version).isEqualTo(LocalStore.MIGRATIONS.size());
            store.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("PRAGMA user_version = 99")) {
                    ps.execute();
                }
                return null;
            });
        }
        assertThatThrownBy(() -> LocalStore.open(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer version");
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void scriptsSplitIntoStatementsWithTriggerBodiesWhole() {
        List<String> statements = LocalStore.statements("""
                -- a comment
                CREATE TABLE t (a INTEGER);
                CREATE TRIGGER x AFTER INSERT ON t BEGIN
                    INSERT INTO t VALUES (1);
                    INSERT INTO t VALUES (2);
                END;
                CREATE INDEX i ON t (a);
                """);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(1)).startsWith("CREATE TRIGGER").endsWith("END;");
    }
}
