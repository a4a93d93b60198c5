package dance.normal.app.nav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NavigationTest {

    private final Navigation navigation = new Navigation();
    private final List<String> moves = new ArrayList<>();

    NavigationTest() {
        navigation.setListener((from, to) -> moves.add(name(from) + " -> " + name(to)));
    }

    private static String name(Place p) {
        return p == null ? "nowhere" : p.id() == null ? p.target().name() : p.target() + " " + p.id();
    }

    @Test
    void pagesStackOverHomeAndBackReturnsThroughThem() {
        navigation.go(Place.of(NavTarget.HOME));
        navigation.go(Place.release("r1"));
        navigation.go(Place.artist("a1"));
        assertThat(navigation.canGoBackProperty().get()).isTrue();
        assertThat(navigation.back()).isTrue();
        assertThat(navigation.current()).contains(Place.release("r1"));
        assertThat(navigation.back()).isTrue();
        assertThat(navigation.current()).contains(Place.of(NavTarget.HOME));
        assertThat(navigation.canGoBackProperty().get()).isFalse();
        assertThat(navigation.back()).isFalse();
        assertThat(moves).containsExactly("nowhere -> HOME", "HOME -> RELEASE r1", "RELEASE r1 -> ARTIST a1",
                "ARTIST a1 -> RELEASE r1", "RELEASE r1 -> HOME");
    }

    /** A track's panel beside Search links to its artist: Back leads to Home, as the Home tab would. */
    @Test
    void aPageOpenedFromAnotherScreenGoesBackToHome() {
        navigation.go(Place.of(NavTarget.SEARCH));
        navigation.go(Place.artist("a1"));
        assertThat(navigation.current().orElseThrow().target().tab()).isEqualTo(NavTarget.HOME);
        navigation.back();
        assertThat(navigation.current()).contains(Place.of(NavTarget.HOME));
    }

    @Test
    void aScreenOfTheBarForgetsTheWayBack() {
        navigation.go(Place.of(NavTarget.HOME));
        navigation.go(Place.release("r1"));
        navigation.go(Place.of(NavTarget.WALLET));
        navigation.go(Place.of(NavTarget.HOME));
        assertThat(navigation.canGoBackProperty().get()).isFalse();
        assertThat(navigation.back()).isFalse();
    }

    @Test
    void theSamePageAgainIsReadAgainWithoutGrowingTheWayBack() {
        navigation.go(Place.of(NavTarget.HOME));
        navigation.go(Place.release("r1"));
        navigation.go(Place.release("r1"));
        navigation.reload();
        navigation.back();
        assertThat(navigation.current()).contains(Place.of(NavTarget.HOME));
        assertThat(moves).containsExactly("nowhere -> HOME", "HOME -> RELEASE r1", "RELEASE r1 -> RELEASE r1",
                "RELEASE r1 -> RELEASE r1", "RELEASE r1 -> HOME");
    }

    @Test
    void aPageNeedsAnIdAndABarScreenTakesNone() {
        assertThatThrownBy(() -> Place.of(NavTarget.RELEASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Place(NavTarget.HOME, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(NavTarget.ARTIST.tab()).isEqualTo(NavTarget.HOME);
        assertThat(NavTarget.QUEUE.tab()).isEqualTo(NavTarget.QUEUE);
    }
}
