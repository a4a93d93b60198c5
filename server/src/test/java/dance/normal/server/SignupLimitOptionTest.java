package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignupLimitOptionTest {

    @Test
    void signupsPerHourDefaultsToTwentyAndZeroLiftsTheLimit() {
        assertThat(Main.parse(new String[0]).auth().signupsPerHour()).isEqualTo(AuthConfig.DEFAULT_SIGNUPS_PER_HOUR);
        assertThat(Main.parse(new String[] {"--signups-per-hour", "0"}).auth().signupsPerHour()).isZero();
        assertThat(Main.parse(new String[] {"--signups-per-hour", "500"}).auth().signupsPerHour()).isEqualTo(500);
    }

    @Test
    void aNegativeOrNonNumericLimitIsRefusedWithTheOptionNamed() {
        for (String bad : new String[] {"-1", "many", "1.5"}) {
            assertThatThrownBy(() -> Main.parse(new String[] {"--signups-per-hour", bad}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--signups-per-hour");
        }
    }
}
