package dance.normal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.server.upload.DemoContent;
import org.junit.jupiter.api.Test;

class GeneratedDemoContentTest {

    @Test
    void theServerFindsTheGeneratedCatalogThroughServiceLoader() {
        assertThat(DemoContent.load()).isInstanceOf(GeneratedDemoContent.class);
    }
}
