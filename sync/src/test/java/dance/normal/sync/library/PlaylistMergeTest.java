package dance.normal.sync.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistMergeTest {

    @Test
    void bothDevicesChangesAreKept() {
        List<String> base = List.of("a", "b", "c");
        List<String> theirs = List.of("a", "b", "c", "d");
        List<String> ours = List.of("b", "c", "e");
        assertThat(PlaylistMerge.tracks(base, ours, theirs)).containsExactly("b", "c", "d", "e");
    }

    @Test
    void repeatsCountAsSeparateEntries() {
        List<String> base = List.of("a", "a", "b");
        List<String> ours = List.of("a", "b");
        List<String> theirs = List.of("b", "a", "a", "c");
        assertThat(PlaylistMerge.tracks(base, ours, theirs)).containsExactly("b", "a", "c");
    }

    @Test
    void aTrackRemovedOnBothSidesIsSimplyGone() {
        assertThat(PlaylistMerge.tracks(List.of("a", "b"), List.of("b"), List.of("b"))).containsExactly("b");
    }

    @Test
    void ourRenameWinsOnlyIfWeRenamed() {
        assertThat(PlaylistMerge.name("Mix", "Mix", "Their Mix")).isEqualTo("Their Mix");
        assertThat(PlaylistMerge.name("Mix", "Our Mix", "Their Mix")).isEqualTo("Our Mix");
    }
}
