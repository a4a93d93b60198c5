package dance.normal.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundTest {

    /** A sync or download event that arrives while the app stops must not throw on the FX thread. */
    @Test
    void workHandedInAfterCloseIsDroppedQuietly() {
        Background background = new Background();
        background.close();
        AtomicBoolean ran = new AtomicBoolean();
        background.run(() -> ran.getAndSet(true), ok -> { }, error -> { });
        assertThat(ran).isFalse();
    }
}
