package dance.normal.protocol.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDirsTest {

    @Test
    void eachPartHasItsOwnAbsoluteFolderUnderOneNormalDanceFolder() {
        Path app = DataDirs.defaultFor("app");
        Path server = DataDirs.defaultFor("server");

        assertThat(app.isAbsolute()).isTrue();
        assertThat(app.endsWith(Path.of("normal-dance", "app"))).isTrue();
        assertThat(server.getParent()).isEqualTo(app.getParent());
    }
}
