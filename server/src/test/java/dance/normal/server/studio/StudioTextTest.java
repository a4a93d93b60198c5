package dance.normal.server.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.http.ApiException;
import org.junit.jupiter.api.Test;

/** Track and release text fields refuse what the tus metadata refuses: DEL and the C1 controls too, not only C0. */
class StudioTextTest {

    @Test
    void delAndC1ControlsAre422LikeTheUploadsMetadata() {
        for (String bad : new String[] {"a\u007Fb", "a\u0085b", "a\u009Bb", "a\tb"}) {
            assertThatThrownBy(() -> StudioTrackService.text(bad, "title", 1, 300))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }

    @Test
    void plainTextIsStrippedAndKept() {
        assertThat(StudioTrackService.text("  Моя песня ", "title", 1, 300)).isEqualTo("Моя песня");
    }
}
