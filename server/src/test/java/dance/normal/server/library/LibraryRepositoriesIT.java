package dance.normal.server.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.library.Playlist;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The likes and playlists repositories on SQLite and PostgreSQL. */
class LibraryRepositoriesIT {

    private final LikeRepository likes = new LikeRepository();
    private final PlaylistRepository playlists = new PlaylistRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aLikeIsKeptOnceNewestFirst(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String[] ids = f.db().jdbi().inTransaction(h -> new String[] {f.account(h), f.track(h).id(),
                    f.track(h).id()});
            f.db().jdbi().useTransaction(h -> {
                likes.like(h, ids[0], ids[1], 10);
                likes.like(h, ids[0], ids[2], 20);
                likes.like(h, ids[0], ids[1], 30);
            });
            List<String> liked = f.db().jdbi().withHandle(h -> likes.likes(h, ids[0]));
            assertThat(liked).as("liking again keeps the first time").containsExactly(ids[2], ids[1]);
            f.db().jdbi().useTransaction(h -> likes.unlike(h, ids[0], ids[2]));
            List<String> left = f.db().jdbi().withHandle(h -> likes.likes(h, ids[0]));
            assertThat(left).containsExactly(ids[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aPlaylistChangesOnlyAtItsVersionAndIsDeletedWithItsTracks(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String[] ids = f.db().jdbi().inTransaction(h -> new String[] {f.account(h), f.track(h).id(),
                    f.track(h).id(), f.account(h)});
            f.db().jdbi().useTransaction(h -> {
                playlists.insert(h, "pl1", ids[0], "Mix", "key", 10);
                playlists.replaceTracks(h, "pl1", List.of(ids[1], ids[2], ids[1]));
                assertThat(playlists.countTracks(h, List.of(ids[1], ids[2], "nope"))).isEqualTo(2);
            });
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> playlists.insert(h, "pl2", ids[0], "Again",
                    "key", 11))).as("one per key").isInstanceOf(RuntimeException.class);
            f.db().jdbi().useTransaction(h -> {
                assertThat(playlists.idByKey(h, ids[0], "key")).contains("pl1");
                assertThat(playlists.update(h, ids[0], "pl1", 2, "Wrong", 20)).as("not at version 2").isFalse();
                assertThat(playlists.update(h, ids[3], "pl1", 1, "Theirs", 20)).as("another account").isFalse();
                assertThat(playlists.update(h, ids[0], "pl1", 1, "Mix 2", 20)).isTrue();
                playlists.replaceTracks(h, "pl1", List.of(ids[2]));
            });
            Playlist changed = f.db().jdbi().withHandle(h -> playlists.find(h, ids[0], "pl1")).orElseThrow();
            assertThat(changed.name()).isEqualTo("Mix 2");
            assertThat(changed.version()).isEqualTo(2);
            assertThat(changed.trackIds()).containsExactly(ids[2]);
            List<String> mine = f.db().jdbi().withHandle(h -> playlists.ids(h, ids[0]));
            assertThat(mine).containsExactly("pl1");
            boolean theirs = f.db().jdbi().inTransaction(h -> playlists.delete(h, ids[3], "pl1"));
            boolean mineDeleted = f.db().jdbi().inTransaction(h -> playlists.delete(h, ids[0], "pl1"));
            boolean exists = f.db().jdbi().withHandle(h -> playlists.exists(h, "pl1"));
            assertThat(theirs).isFalse();
            assertThat(mineDeleted).isTrue();
            assertThat(exists).isFalse();
        }
    }
}
